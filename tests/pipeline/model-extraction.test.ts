import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { listFacts } from '../../src/answers/facts-list.ts';
import { openApp } from '../../src/app.ts';
import type { LlmConfig } from '../../src/core/llm-config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { CORRECT, JULIACA_HTML, OMBUDSMAN, VICTIMS } from '../fixtures/juliaca-report.ts';
import { closedPort, completion, startOpenAiStandIn, type OpenAiStandIn } from '../fixtures/openai-stand-in.ts';

let standIn: OpenAiStandIn;
let dir: string;
let file: string;
before(async () => {
  standIn = await startOpenAiStandIn(completion(CORRECT));
  dir = mkdtempSync(join(tmpdir(), 'cronista-model-'));
  file = join(dir, 'juliaca.html');
  writeFileSync(file, JULIACA_HTML);
});
after(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An app on a fresh store with the given model endpoint, its log lines captured. */
function appWith(llm: LlmConfig | null) {
  const data = mkdtempSync(join(dir, 'data-'));
  const app = openApp(data, { llm });
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  app.logger = createLogger('debug', new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  return { app, lines, warnings: () => lines.filter((l) => l.level === 40) };
}
const config = (extra: Partial<LlmConfig> = {}): LlmConfig => ({ baseUrl: standIn.baseUrl, model: 'test-model', apiKey: 'sk-test-secret', ...extra });
const rulesOnly = async () => {
  const { app } = appWith(null);
  try {
    await ingestTargets(app, [file]);
    return { figures: (await listFacts(app.store)).figures, events: await app.store.listEvents({}) };
  } finally {
    await app.store.close();
  }
};

test('a correct answer adds the figure and the event the rules miss; the rules’ own figures are kept once', async () => {
  standIn.seen = [];
  standIn.reply = completion(CORRECT);
  const rules = await rulesOnly();
  assert.ok(!rules.figures.some((f) => f.value === 17), 'precondition: the rules miss the 17 victims');
  const { app, lines } = appWith(config());
  try {
    const [report] = await ingestTargets(app, [file]);
    assert.equal(report!.added, 1);
    const { figures } = await listFacts(app.store);
    const victims = figures.find((f) => f.value === 17);
    assert.ok(victims, JSON.stringify(figures));
    assert.equal(victims.kind, 'deaths');
    assert.equal(victims.scope, 'incident');
    assert.equal(victims.as_of, '2023-01-09');
    assert.equal(victims.location, 'Juliaca');
    assert.equal(victims.story, 'peru-crisis');
    assert.equal(victims.quote, 'Relatives buried the 17 victims of the massacre in Juliaca on Monday, local media reported.');
    assert.equal(figures.filter((f) => f.value === 47).length, 1, 'the toll the rules read is not doubled');
    assert.deepEqual(
      figures.filter((f) => f.value !== 17).map((f) => [f.kind, f.value, f.scope]),
      rules.figures.map((f) => [f.kind, f.value, f.scope]),
    );
    const events = await app.store.listEvents({});
    assert.ok(events.some((e) => e.date === '2023-01-10' && e.quote === 'By January 10 the first coffins were in the cathedral of Juliaca.'));
    assert.equal(events.length, rules.events.length + 1);

    // the request: model, strict schema, the annotation conventions, the document with its date; the key only in the header
    assert.equal(standIn.seen.length, 1);
    const request = standIn.seen[0]!;
    assert.equal(request.headers.authorization, 'Bearer sk-test-secret');
    assert.equal(request.body.model, 'test-model');
    assert.equal(request.body.response_format.type, 'json_schema');
    assert.equal(request.body.response_format.json_schema.strict, true);
    assert.match(request.body.messages[0].content, /"subset" for a part of a larger total/);
    assert.match(request.body.messages[1].content, /Publication date: 2023-01-11/);
    assert.ok(request.body.messages[1].content.includes('Relatives buried the 17 victims'));
    assert.ok(!lines.some((l) => JSON.stringify(l).includes('sk-test-secret')), 'the key is never logged');

    // the same file again: a known item, and the answer is remembered — no second request
    await ingestTargets(app, [file]);
    assert.equal(standIn.seen.length, 1);
  } finally {
    await app.store.close();
  }
});

test('wrong numbers, invented quotes, foreign dates and a cumulative claim the rules call a subset are all rejected (logged at debug)', async () => {
  standIn.reply = completion({
    figures: [
      { ...VICTIMS, value: 71 },
      { ...VICTIMS, quote: 'Police said 30 protesters were arrested in Juliaca on Monday.', value: 30, kind: 'detained' },
      { ...VICTIMS, as_of: '2023-01-03' },
      { quote: OMBUDSMAN, value: 23, kind: 'injured', qualifier: 'exact', scope: 'cumulative', as_of: '2023-01-11', location: null, attribution: null },
    ],
    events: [{ date: '2023-01-04', event: 'Funerals', quote: 'By January 10 the first coffins were in the cathedral of Juliaca.' }],
  });
  const rules = await rulesOnly();
  const { app, lines, warnings } = appWith(config());
  try {
    await ingestTargets(app, [file]);
    const { figures } = await listFacts(app.store);
    assert.deepEqual(figures.map((f) => [f.kind, f.value, f.scope, f.as_of]), rules.figures.map((f) => [f.kind, f.value, f.scope, f.as_of]));
    assert.equal((await app.store.listEvents({})).length, rules.events.length);
    const reasons = lines.filter((l) => l.level === 20 && /rejected/.test(l.msg)).map((l) => l.reason);
    assert.deepEqual(reasons, [
      '71 is not written in the quote',
      'quote is not in the document',
      'as_of 2023-01-03 is not a date the text gives',
      'the rules read it as a subset, not the running toll',
      '2023-01-04 is not a date the text gives',
    ]);
    assert.deepEqual(warnings(), [], 'a verified-but-wrong answer is not an outage');
  } finally {
    await app.store.close();
  }
});

test('a malformed answer, an HTTP error, a timeout, an unreachable endpoint: the rules’ facts, the document kept, one warning line', async () => {
  const rules = await rulesOnly();
  const failures: [string, () => void, Partial<LlmConfig>, RegExp][] = [
    ['malformed JSON', () => (standIn.reply = completion('{"figures": [{"quote": "Relatives buried')), {}, /answer is not JSON/],
    ['not an answer', () => (standIn.reply = completion('Seventeen people were buried in Juliaca.')), {}, /answer is not JSON/],
    ['HTTP 500', () => (standIn.reply = (res) => res.writeHead(500).end('{"error":"boom"}')), {}, /HTTP 500/],
    ['timeout', () => (standIn.reply = () => {}), { timeoutMs: 300 }, /timed out after 300 ms/],
    ['unreachable', () => {}, { baseUrl: 'unreachable' }, /ECONNREFUSED/],
  ];
  for (const [name, arrange, extra, reason] of failures) {
    arrange();
    const llm = extra.baseUrl === 'unreachable' ? config({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1` }) : config(extra);
    const { app, warnings } = appWith(llm);
    try {
      // a second document in the same run: still stored, no second warning for the same outage
      const other = join(dir, `other-${name.replace(/\W/g, '')}.html`);
      writeFileSync(other, '<html><head><title>Peru: curfew in Puno</title><meta property="article:published_time" content="2023-01-12T09:00:00Z"></head><body><p>Peru declared a three-day night curfew in the Puno region on Wednesday after a week of protests against President Dina Boluarte, the government said.</p></body></html>');
      const reports = await ingestTargets(app, [file, other]);
      assert.deepEqual(reports.map((r) => [r.added, r.errors.length, r.failure]), [[1, 0, null], [1, 0, null]], name);
      const { figures } = await listFacts(app.store);
      const first = figures.filter((f) => f.document === figures[0]!.document);
      assert.deepEqual(first.map((f) => [f.kind, f.value, f.scope, f.as_of]), rules.figures.map((f) => [f.kind, f.value, f.scope, f.as_of]), name);
      assert.equal(warnings().length, 1, `${name}: ${JSON.stringify(warnings())}`);
      assert.match(warnings()[0]!.msg, /model extraction unavailable/, name);
      assert.match(warnings()[0]!.msg, reason, name);
      assert.ok(!warnings()[0]!.msg.includes('sk-test-secret'), name);
    } finally {
      await app.store.close();
    }
  }
});

test('without an endpoint the rules alone run and nothing is asked', async () => {
  standIn.seen = [];
  const rules = await rulesOnly();
  assert.ok(rules.figures.length >= 2);
  assert.equal(standIn.seen.length, 0);
  // a document of no followed story is not sent either
  standIn.reply = completion(CORRECT);
  const { app } = appWith(config());
  try {
    const unrelated = join(dir, 'weather.html');
    writeFileSync(unrelated, '<html><head><title>Rain in Oslo</title></head><body><p>Heavy rain fell on Oslo on Tuesday; two ferries were cancelled.</p></body></html>');
    await ingestTargets(app, [unrelated]);
    assert.equal(standIn.seen.length, 0);
  } finally {
    await app.store.close();
  }
});
