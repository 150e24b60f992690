// The facts version moves when what answers are derived from changes, and only then: a poll that stores nothing, a
// digest cursor or an outbox write keep every cached /timeline and /deaths view warm.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApp } from '../../src/app.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { cachedByFacts } from '../../src/timeline/cache.ts';

test('the facts version moves with new facts, not with other writes or a repeat of what is stored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-version-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  try {
    const page = join(dir, 'report.txt');
    writeFileSync(page, 'Four injured in Puno protests\n\nPUNO, Peru (AP) — Four people were injured on Thursday in Puno, Peru, the Ombudsman said.\n');
    const start = await app.store.factsVersion();
    await ingestTargets(app, [page]);
    const afterIngest = await app.store.factsVersion();
    assert.notEqual(afterIngest, start, 'a new report moves the version');

    let computed = 0;
    const view = () => cachedByFacts(app.store, 'test-view', async () => ++computed);
    await view();
    await app.store.kv.set('digest:cursor:test', 12);
    await app.store.kv.set('digest:outbox:test', { next: 1 });
    await ingestTargets(app, [page]); // the same report again: nothing new stored
    assert.equal(await app.store.factsVersion(), afterIngest, 'cursor, outbox and a repeat leave it');
    await view();
    assert.equal(computed, 1, 'the cached view is still served');

    const next = join(dir, 'next.txt');
    writeFileSync(next, 'Six injured in Juliaca\n\nJULIACA, Peru (AP) — Six people were injured on Friday in Juliaca, Peru, police said.\n');
    await ingestTargets(app, [next]);
    assert.notEqual(await app.store.factsVersion(), afterIngest);
    await view();
    assert.equal(computed, 2, 'a new report recomputes the view');
  } finally {
    await app.store.close();
  }
});

test('a view being computed is shared by callers meanwhile; across a change of facts only when asked, and not kept for the newer facts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-version-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  try {
    let computed = 0;
    let release!: () => void;
    const slow = () => new Promise<number>((resolve) => (release = () => resolve(++computed)));
    const first = cachedByFacts(app.store, 'chart', slow);
    const second = cachedByFacts(app.store, 'chart', slow);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    assert.deepEqual(await Promise.all([first, second]), [1, 1], 'the same facts: one computation');

    // An import under way: the facts change while a chart is drawn.
    const drawing = cachedByFacts(app.store, 'chart-2', slow, undefined, { shareRunning: true });
    await new Promise((resolve) => setImmediate(resolve));
    const page = join(dir, 'report.txt');
    writeFileSync(page, 'Four injured in Puno protests\n\nPUNO, Peru (AP) — Four people were injured on Thursday in Puno, Peru, the Ombudsman said.\n');
    await ingestTargets(app, [page]);
    const meanwhile = cachedByFacts(app.store, 'chart-2', slow, undefined, { shareRunning: true });
    release();
    assert.deepEqual(await Promise.all([drawing, meanwhile]), [2, 2], 'the drawing under way serves the caller that came meanwhile');
    const after = cachedByFacts(app.store, 'chart-2', slow, undefined, { shareRunning: true });
    await new Promise((resolve) => setImmediate(resolve));
    release();
    assert.equal(await after, 3, 'once it is done, the newer facts get their own');
  } finally {
    await app.store.close();
  }
});
