import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshDataDir, runCli, seeds } from './helpers.ts';

test('ingesting the seed pages splits them into posts, and a second run adds nothing', async () => {
  const data = freshDataDir();
  const first = await runCli(['ingest', seeds], { data });
  assert.equal(first.code, 0, first.stderr);
  const all = first.stdout.trim().split('\n');
  assert.match(all.at(-1)!, /seeds: 1 skipped: unsupported type$/, 'seeds-gold.json is not read, but counted');
  const lines = all.slice(0, -1);
  assert.equal(lines.length, 5, 'one summary line per source');
  const added = lines.map((line) => Number(/: (\d+) added/.exec(line)?.[1]));
  assert.ok(added.every((n) => n >= 1), first.stdout);
  assert.ok(added.reduce((a, b) => a + b, 0) >= 30, `the multi-post pages are split: ${added}`);

  const again = await runCli(['ingest', seeds], { data });
  assert.equal(again.code, 0);
  for (const line of again.stdout.trim().split('\n').slice(0, -1)) assert.match(line, /: 0 added, 0 merged, \d+ duplicates skipped, 0 errors/);

  const sources = await runCli(['ask', '/sources', '--json'], { data });
  assert.equal(sources.code, 0, sources.stderr);
  const json = JSON.parse(sources.stdout) as { sources: { id: string; kind: string; url: string; documents: number; last_success: string | null; last_error: string | null }[] };
  assert.equal(json.sources.length, 5);
  for (const source of json.sources) {
    assert.equal(source.kind, 'file');
    assert.match(source.url, /^file:\/\/.*\.txt$/);
    assert.ok(source.documents >= 1);
    assert.ok(source.last_success);
    assert.equal(source.last_error, null);
  }
  assert.deepEqual(json.sources.map((s) => s.documents), added, '/sources counts what ingest added');
});

test('a PDF or random bytes are refused with a one-line reason; files of other types in a folder are counted as skipped', async () => {
  const data = freshDataDir();
  const pdf = join(data, 'report.pdf');
  writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n', 'latin1'), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))]));
  const refused = await runCli(['ingest', pdf], { data });
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /^FAILED \S*report\.pdf: a binary file \(PDF, application\/pdf\), not text; Cronista reads text, HTML, Markdown and feeds\n$/);
  assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');

  // Random bytes under a text name: refused by content.
  const folder = join(data, 'inbox');
  mkdirSync(join(folder, 'nested'), { recursive: true });
  writeFileSync(join(folder, 'noise.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251)));
  writeFileSync(join(folder, 'story.txt'), 'Peru: protesters blocked the road to Juliaca on Monday, police said.\n');
  writeFileSync(join(folder, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]));
  writeFileSync(join(folder, 'nested', 'scan.pdf'), '%PDF-1.4\n');
  writeFileSync(join(folder, 'nested', 'archive.zip'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
  const run = await runCli(['ingest', folder], { data });
  const lines = run.stdout.trim().split('\n');
  assert.ok(lines.some((line) => /inbox: 3 skipped: unsupported type$/.test(line)), run.stdout);
  assert.ok(lines.some((line) => /^FAILED .*noise\.txt: a binary file \(not text\); Cronista reads text, HTML, Markdown and feeds$/.test(line)), run.stdout);
  assert.ok(lines.some((line) => /story\.txt: 1 added/.test(line)), run.stdout);
  assert.equal(lines.length, 3, run.stdout);
  assert.equal(run.code, 1, 'a file that could not be read makes the exit code 1');
  const documents = JSON.parse((await runCli(['ask', '/sources', '--json'], { data })).stdout) as { sources: { url: string; documents: number }[] };
  assert.deepEqual(documents.sources.filter((source) => source.documents > 0).map((source) => source.url.replace(/^.*\//, '')), ['story.txt']);
});

test('a source that fails does not stop the others, and the exit code says so', async () => {
  const data = freshDataDir();
  const result = await runCli(['ingest', join(seeds, 'no-such-page.txt'), join(seeds, '004_229222d99bb9546f.txt')], { data });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^FAILED .*no-such-page\.txt: no such file or directory$/m);
  assert.match(result.stdout, /004_229222d99bb9546f\.txt: [1-9]\d* added/);
});

test('feeds are recognized by content over HTTP; a broken one gets a one-line reason', async () => {
  const feed = `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Andes Wire</title><link>http://andes.example/</link>
<item><title>Protesters march in Puno</title><link>http://andes.example/1</link><guid>andes-1</guid>
<pubDate>Mon, 09 Jan 2023 18:00:00 GMT</pubDate><description>Thousands of people marched through Puno on Monday demanding the resignation of the president and early elections, according to local radio.</description></item>
<item><title>Curfew in Puno region</title><link>http://andes.example/2</link><guid>andes-2</guid>
<pubDate>Tue, 10 Jan 2023 09:00:00 GMT</pubDate><description>The government announced a three-day night curfew in the Puno region, from 8 p.m. to 4 a.m., after the clashes in Juliaca. Se\xf1ora Quispe said the town was in mourning.</description></item>
</channel></rss>`;
  const server = createServer((request, response) => {
    if (request.url === '/news.txt') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(Buffer.from(feed, 'latin1'));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const data = freshDataDir();
    const result = await runCli(['ingest', `${base}/news.txt`, `${base}/missing`], { data });
    assert.equal(result.code, 1);
    assert.match(result.stdout, new RegExp(`^${base}/news.txt: 2 added`, 'm'));
    assert.match(result.stdout, new RegExp(`^FAILED ${base}/missing: .*404`, 'm'));
    const sources = JSON.parse((await runCli(['ask', '/sources', '--json'], { data })).stdout) as { sources: { kind: string; url: string; title: string }[] };
    assert.deepEqual(sources.sources.map((s) => [s.kind, s.url, s.title]), [['feed', `${base}/news.txt`, 'Andes Wire']]);
  } finally {
    server.close();
  }
});

test('stdout carries only the answer: --json output parses while logs go to stderr', async () => {
  const data = freshDataDir();
  const result = await runCli(['ask', '/sources', '--json'], { data, env: { CRONISTA_LOG_LEVEL: 'debug' } });
  assert.equal(result.code, 0);
  assert.deepEqual(JSON.parse(result.stdout), { sources: [] });
});

test('a wrong command gets a one-line answer and exit code 1', async () => {
  const result = await runCli(['ask', '/deathz'], { data: freshDataDir() });
  assert.equal(result.code, 1);
  assert.equal(result.stdout.trim(), 'Unknown command /deathz. Try /help for the list of commands.');
});
