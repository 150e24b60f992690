import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { bundledSampleDir } from '../../src/core/paths.ts';
import { freshDataDir, runCli } from './helpers.ts';

test('site export writes the story pages, their JSON and the stylesheet as files whose links all resolve', async () => {
  const data = freshDataDir();
  assert.equal((await runCli(['ingest', bundledSampleDir], { data })).code, 0);
  const out = join(mkdtempSync(join(tmpdir(), 'cronista-site-')), 'site');
  const result = await runCli(['site', 'export', out], { data, env: { CRONISTA_PUBLIC_URL: 'https://news.cronista.example/' } });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Wrote \d+ files to .*site: open .*index\.html$/m);

  const story = join(out, 'stories/peru-crisis');
  for (const file of ['index.html', 'assets/site.css', 'feed.xml', 'stories/peru-crisis/index.html', 'stories/peru-crisis/deaths.json', 'stories/peru-crisis/timeline.json']) {
    assert.ok(existsSync(join(out, file)), file);
  }
  // The same JSON as the commands print (/timeline: a page of it).
  const deaths = await runCli(['ask', '/deaths story:peru-crisis', '--json'], { data });
  assert.deepEqual(JSON.parse(readFileSync(join(story, 'deaths.json'), 'utf8')), JSON.parse(deaths.stdout));
  // /timeline --json is the page it shows (12 events) and the count; timeline.json the whole timeline.
  const timeline = await runCli(['ask', '/timeline story:peru-crisis', '--json'], { data });
  const shown = JSON.parse(timeline.stdout) as { story: string; events: unknown[]; page: number; pages: number; total: number };
  const whole = JSON.parse(readFileSync(join(story, 'timeline.json'), 'utf8')) as { story: string; events: unknown[] };
  assert.deepEqual({ story: shown.story, events: shown.events, total: shown.total }, { story: whole.story, events: whole.events.slice(0, 12), total: whole.events.length });

  const page = readFileSync(join(story, 'index.html'), 'utf8');
  assert.equal(page.match(/<li class="event"/g)?.length, shown.total, 'the whole timeline');
  assert.match(page, /<svg class="chart"/);
  assert.doesNotMatch(page, /<form/, 'no filter form: a static host cannot filter');
  // Every local link and stylesheet of every page points at a file of the export.
  for (const file of ['index.html', 'stories/peru-crisis/index.html']) {
    const html = readFileSync(join(out, file), 'utf8');
    const local = [...html.matchAll(/(?:href|src)="([^"#]+)"/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href));
    assert.ok(local.length >= 3, file);
    for (const href of local) assert.ok(existsSync(join(dirname(join(out, file)), href)), `${file} → ${href}`);
  }
  assert.match(readFileSync(join(out, 'feed.xml'), 'utf8'), /<link rel="self" href="https:\/\/news\.cronista\.example\/feed\.xml"\/>/);
});
