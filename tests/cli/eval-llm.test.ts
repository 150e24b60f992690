import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { root } from './helpers.ts';

test('npm run eval -- --llm without an endpoint: one line on stderr, exit 1', () => {
  const env = { ...process.env, CRONISTA_LLM_BASE_URL: '', CRONISTA_LLM_MODEL: '' };
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--llm', '--quiet'], { cwd: root, env, encoding: 'utf8' });
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0]!, /^eval: --llm needs a model endpoint: set CRONISTA_LLM_BASE_URL and CRONISTA_LLM_MODEL/);
});
