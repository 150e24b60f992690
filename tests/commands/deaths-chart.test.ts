// The /deaths chart is a file named by its query and what it draws: after a restart the same data reuse the chart
// drawn before (no drawing in the first call), and new figures draw a new one.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { root } from '../cli/helpers.ts';
import { harness, operator } from './helpers.ts';

test('a /deaths chart drawn before a restart is reused while its data are the same; new figures draw another', async () => {
  const h = harness();
  try {
    const seeds = join(root, 'tests/fixtures/seeds');
    const files = readdirSync(seeds).sort();
    // The sample in two parts: the second adds death figures.
    await ingestTargets(h.app, [join(seeds, files[0]!)]);
    const chartOf = async (user: string) => {
      const answer = await h.run({ ...operator, userId: user }, 'deaths');
      const attachment = answer.attachments?.[0];
      assert.ok(attachment, 'a chart');
      assert.equal(attachment.name, 'deaths-peru-crisis.png', 'the name shown keeps the query\'s');
      return attachment.path;
    };
    const first = await chartOf('a');
    const written = statSync(first).mtimeMs;
    await h.reopen();
    assert.equal(await chartOf('b'), first, 'the same file after a restart');
    assert.equal(statSync(first).mtimeMs, written, 'not drawn again');

    await ingestTargets(h.app, files.slice(1).map((file) => join(seeds, file)));
    const second = await chartOf('c');
    assert.notEqual(second, first, 'new figures: another chart');
    assert.deepEqual(readdirSync(join(h.dir, 'charts')).filter((name) => !name.endsWith('.png')), [], 'no partial files left');
  } finally {
    await h.close();
  }
});
