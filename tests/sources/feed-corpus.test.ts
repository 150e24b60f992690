/**
 * Robustness suite: 396 real feed files (tests/fixtures/feeds/README.md). Every file must decode and
 * parse to a feed or a SourceError, nothing else; entry counts, first titles and first dates are
 * compared with expect.jsonl and must stay above the floors below (the figures reached when written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeBytes } from '../../src/sources/decode.ts';
import { parseFeed, type ParsedFeed } from '../../src/sources/feed.ts';
import { htmlToLine } from '../../src/sources/html-text.ts';
import { SourceError } from '../../src/core/errors.ts';

interface Expectation {
  file: string;
  entries: number | null;
  title0: string | null;
  date0: string | null;
  http_content_type: string | null;
  expect: string | null;
}

const DIR = new URL('../fixtures/feeds/', import.meta.url);
const rows: Expectation[] = readFileSync(new URL('expect.jsonl', DIR), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Expectation);

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
// title0 follows feedparser, which keeps markup in HTML titles ('Example <b>Atom</b>'); ours are plain
// text, so a title matches the expectation as written or the expectation rendered as text.
const sameTitle = (got: string | null, want: string) => got !== null && (got === collapse(want) || got === htmlToLine(want));
// encodings feedparser names differently from the decoder we use (we decode as their supersets)
const ALIASES: Record<string, string> = {
  'big5': 'big5hkscs', 'iso-8859-1': 'windows-1252', 'gb2312': 'gb18030', 'euc-kr': 'cp949', 'shift_jis': 'cp932', 'tis-620': 'windows-874',
};

test('feed corpus: every file reads as a feed or a SourceError, and the figures hold', async () => {
  let decidable = 0;
  let entriesOk = 0;
  let titles = 0;
  let titlesOk = 0;
  let dates = 0;
  let datesOk = 0;
  let encodings = 0;
  let encodingsOk = 0;
  const errors: string[] = [];
  const misses: string[] = [];

  for (const row of rows) {
    const decoded = decodeBytes(readFileSync(new URL(`files/${row.file}`, DIR)), row.http_content_type);
    let feed: ParsedFeed | null = null;
    try {
      feed = await parseFeed(decoded.text, { url: `http://127.0.0.1:8097/${row.file.replace(/__/g, '/')}` });
    } catch (error) {
      assert.ok(error instanceof SourceError, `${row.file}: threw ${String(error)}`);
      assert.doesNotMatch(error.message, /\n/, `${row.file}: error message should be one line`);
      errors.push(`${row.file}: ${error.message}`);
    }

    const wantEncoding = row.expect?.match(/encoding == '([^']+)'/)?.[1]?.toLowerCase();
    if (wantEncoding) {
      encodings++;
      if (decoded.encoding === (ALIASES[wantEncoding] ?? wantEncoding)) encodingsOk++;
      else misses.push(`${row.file}: encoding ${decoded.encoding}, expected ${wantEncoding}`);
    }
    if (row.entries !== null) {
      decidable++;
      // an error is a right answer only where there is nothing to read
      if ((feed?.items.length ?? 0) === row.entries && (feed || row.entries === 0)) entriesOk++;
      else misses.push(`${row.file}: ${feed?.items.length ?? 'error'} entries, expected ${row.entries}`);
    }
    if (row.title0 !== null) {
      titles++;
      if (sameTitle(feed?.items[0]?.title ?? null, row.title0)) titlesOk++;
      else misses.push(`${row.file}: title ${JSON.stringify(feed?.items[0]?.title)}, expected ${JSON.stringify(row.title0)}`);
    }
    if (row.date0 !== null) {
      dates++;
      if (feed?.items[0]?.published?.slice(0, 19) === row.date0.slice(0, 19)) datesOk++;
      else misses.push(`${row.file}: date ${feed?.items[0]?.published}, expected ${row.date0}`);
    }
  }

  console.log(
    [
      `feed corpus: ${entriesOk}/${decidable} decidable files give the expected entry count (${rows.length} files, ${rows.length - decidable} undecidable)`,
      `first titles ${titlesOk}/${titles}, first dates ${datesOk}/${dates}, declared/detected encodings ${encodingsOk}/${encodings}`,
      `SourceErrors (${errors.length}):`,
      ...errors.map((e) => `  ${e}`),
      `misses (${misses.length}):`,
      ...misses.map((m) => `  ${m.slice(0, 200)}`),
    ].join('\n'),
  );
  assert.equal(rows.length, 396);
  assert.ok(entriesOk >= 394, `entry counts: ${entriesOk}/${decidable}`);
  assert.ok(titlesOk >= 94, `first titles: ${titlesOk}/${titles}`);
  assert.ok(datesOk >= 36, `first dates: ${datesOk}/${dates}`);
  // every declared or detectable encoding, incl. the undeclared legacy ones (tests/illformed/chardet)
  assert.equal(encodings, 35);
  assert.equal(encodingsOk, encodings, `encodings: ${encodingsOk}/${encodings}`);
});
