/** User-facing errors are one line naming what to fix (a CronistaError), never a stack trace. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshDataDir, root, runCli } from './helpers.ts';

function storiesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-stories-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('a typo in a story file prints one line naming the file and the field, no stack trace', async () => {
  const peru = readFileSync(join(root, 'config/stories/peru.yaml'), 'utf8');
  const cases: [string, RegExp][] = [
    [peru.replace(/^keywords:/m, 'keyword:'), /^error: .*peru\.yaml: invalid story config: keywords: .+\n$/],
    [peru.replace(/^start: .*$/m, 'start: "7 December 2022"'), /^error: .*peru\.yaml: invalid story config: start: .+\n$/],
    [peru.replace(/^keywords:/m, 'keywords: [unclosed'), /^error: .*peru\.yaml: invalid YAML: .+\n$/],
  ];
  for (const [text, expected] of cases) {
    const result = await runCli(['ask', '/help'], { data: freshDataDir(), env: { CRONISTA_STORIES: storiesDir({ 'peru.yaml': text }), CRONISTA_LOG_LEVEL: 'warn' } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, expected);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('a data directory that cannot be opened is one line too', async () => {
  const file = join(freshDataDir(), 'not-a-dir');
  writeFileSync(file, 'x');
  const result = await runCli(['ask', '/help'], { data: file });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^error: .*not-a-dir\/cronista\.db: cannot open the data store: .+\(check --data \/ CRONISTA_DATA\)\n$/);
});
