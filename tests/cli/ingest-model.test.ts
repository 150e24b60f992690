import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CORRECT, JULIACA_HTML } from '../fixtures/juliaca-report.ts';
import { closedPort, completion, startOpenAiStandIn } from '../fixtures/openai-stand-in.ts';
import { freshDataDir, runCli } from './helpers.ts';

const MODEL_OFF = { CRONISTA_LLM_BASE_URL: '', CRONISTA_LLM_MODEL: '' };

test('cronista ingest with CRONISTA_LLM_* set: the verified model figure is in cronista facts --json', async () => {
  const standIn = await startOpenAiStandIn(completion(CORRECT));
  try {
    const data = freshDataDir();
    const file = join(data, 'juliaca.html');
    writeFileSync(file, JULIACA_HTML);
    const env = { CRONISTA_LLM_BASE_URL: standIn.baseUrl, CRONISTA_LLM_MODEL: 'test-model', CRONISTA_LLM_API_KEY: 'sk-cli-secret' };
    const ingest = await runCli(['ingest', file], { data, env });
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.match(ingest.stdout, /juliaca\.html: 1 added/);
    assert.equal(standIn.seen.length, 1);
    assert.ok(!`${ingest.stdout}${ingest.stderr}`.includes('sk-cli-secret'));

    const facts = await runCli(['facts', '--json'], { data, env: MODEL_OFF });
    assert.equal(facts.code, 0, facts.stderr);
    const { figures } = JSON.parse(facts.stdout) as { figures: { kind: string; value: number; scope: string; as_of: string; location: string; quote: string }[] };
    const victims = figures.find((f) => f.value === 17);
    assert.ok(victims, facts.stdout);
    assert.deepEqual([victims.kind, victims.scope, victims.as_of, victims.location], ['deaths', 'incident', '2023-01-09', 'Juliaca']);
    assert.match(victims.quote, /^Relatives buried the 17 victims of the massacre in Juliaca on Monday/);
    assert.equal(figures.filter((f) => f.value === 47).length, 1);
  } finally {
    await standIn.close();
  }
});

test('cronista ingest with an unreachable model: the rules’ figures, exit 0, one warning line on stderr', async () => {
  const data = freshDataDir();
  const file = join(data, 'juliaca.html');
  writeFileSync(file, JULIACA_HTML);
  const ingest = await runCli(['ingest', file], { data, env: { CRONISTA_LLM_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`, CRONISTA_LLM_MODEL: 'test-model' } });
  assert.equal(ingest.code, 0, ingest.stderr);
  assert.match(ingest.stdout, /juliaca\.html: 1 added/);
  assert.equal(ingest.stderr.split('\n').filter((line) => /model extraction unavailable/.test(line)).length, 1, ingest.stderr);
  const values = async (dir: string) => (JSON.parse((await runCli(['facts', '--json'], { data: dir, env: MODEL_OFF })).stdout) as { figures: { value: number }[] }).figures.map((f) => f.value);
  const offline = freshDataDir();
  assert.equal((await runCli(['ingest', file], { data: offline, env: MODEL_OFF })).code, 0);
  assert.deepEqual(await values(data), await values(offline));
  assert.ok(!(await values(data)).includes(17));
});
