// A day of the toll with many more reports than a stored point keeps (issue 13: a point's row held every report of its
// day, 4.7 MB of rows at 10,000 generated documents, all read by the first /deaths). Its row stays small, and /deaths
// (text and JSON), the story page and a digest still tell its value, that the sources disagree and on what, how many
// reports there are and who reported it, as they did when the row held every report.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { commands } from '../../commands/index.ts';
import type { DeathsJson } from '../../src/answers/deaths.ts';
import { buildDigest } from '../../src/answers/digest/build.ts';
import { openApp } from '../../src/app.ts';
import { monthDayYear } from '../../src/core/calendar.ts';
import { Dispatcher } from '../../src/core/dispatch.ts';
import { storeItems } from '../../src/pipeline/ingest.ts';
import { renderPlain } from '../../src/platforms/console/render.ts';
import { WebServer } from '../../src/platforms/web/server.ts';
import { seededRandom } from '../fixtures/seeded-random.ts';
import { operator } from '../commands/helpers.ts';

const DAY = '2023-01-20';
/** What a stored point may keep: its best 8 reports and the best of each of its first three reporters. */
const MOST_KEPT = 10;
const WORDS = ['river', 'market', 'bridge', 'harvest', 'lantern', 'window', 'orchard', 'quarry', 'meadow', 'harbor', 'violet', 'copper', 'saddle', 'pepper', 'garden', 'thunder', 'canyon', 'ribbon', 'marble', 'willow', 'falcon', 'candle', 'basket', 'compass', 'velvet', 'island', 'timber', 'feather', 'summit', 'pebble', 'mirror', 'anchor', 'blanket', 'cactus', 'dolphin', 'glacier', 'hammock', 'jasmine', 'kettle', 'ladder'];

/** Words no other report shares (so no report is stored as a copy of another), and no number. */
function filler(seed: number): string {
  const random = seededRandom(seed);
  const sentence = () => Array.from({ length: 14 }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ');
  return `Witnesses spoke of the ${sentence()}. Neighbours recalled the ${sentence()}.`;
}

/** Report `index` of a day's toll: the Ombudsman's count, through an outlet, published `minutesBefore` before noon on the 21st. */
function report(index: number, value: number, outlet: string, minutesBefore: number, day: { name: string; date: string }) {
  return {
    key: `report-${day.date}-${index}`,
    url: `https://news.example/${day.date}/${index}`,
    title: `Peru protests: report ${index} of ${day.date}`,
    published: new Date(Date.parse(`${day.date}T12:00:00Z`) + 86_400_000 - minutesBefore * 60_000).toISOString(),
    outlet,
    text: `LIMA, Peru — The death toll from the protests against President Dina Boluarte rose to ${value} on ${day.name}, the Ombudsman's Office said. ${filler(index * 31 + value)}`,
  };
}

test('a day with 50 reports: its stored row keeps the best few, and /deaths, its JSON, the story page and a digest still tell all 50', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-bounded-points-'));
  const app = openApp(join(dir, 'data'), { llm: null });
  const server = new WebServer(app, { host: '127.0.0.1', port: 0 });
  try {
    const source = await app.store.ensureSource({ kind: 'feed', url: 'https://news.example/feed.xml', title: 'Wire' });
    const earlier = { name: 'Sunday, January 15', date: '2023-01-15' };
    const friday = { name: 'Friday, January 20', date: DAY };
    await storeItems(app, source.id, [report(0, 40, 'Andina', 0, earlier), report(1, 40, 'Infobae', 1, earlier)]);
    // 40 reports of 47 (the 8 newest from two outlets only), 5 of 46; 5 of 48 come later, after a digest's cursor.
    const of47 = Array.from({ length: 40 }, (_, i) => report(i, 47, i < 8 ? ['Andina', 'Infobae'][i % 2]! : `Outlet ${i}`, i, friday));
    const of46 = Array.from({ length: 5 }, (_, i) => report(40 + i, 46, `Outlet ${40 + i}`, 40 + i, friday));
    const of48 = Array.from({ length: 5 }, (_, i) => report(45 + i, 48, `Outlet ${45 + i}`, 45 + i, friday));
    await storeItems(app, source.id, [...of47, ...of46]);
    const cursor = await app.store.learnedSequence();
    await storeItems(app, source.id, of48);
    const story = app.stories.find((candidate) => candidate.id === 'peru-crisis')!;
    const figures = await app.store.listFigures({ story: story.id, kinds: ['deaths'], dates: [DAY] });
    assert.equal(figures.length, 50, 'every report was stored as a document of its own, with its toll');

    // /deaths: the value, the disagreement over all 50 reports, the first three reporters of 44 and the best report.
    const dispatcher = new Dispatcher(app, commands);
    const answer = await dispatcher.dispatch({ name: 'deaths', options: {}, caller: operator });
    const text = renderPlain(answer);
    assert.match(text, /Death toll: 47 as of 2023-01-20, per Ombudsman via Andina \("Peru protests: report 0 of 2023-01-20"\)\./);
    assert.match(text, /\n {2}\(sources disagree: 46 vs 47 vs 48\)\n/);
    assert.match(text, /\n {2}2023-01-20 {2}47 \(Ombudsman via Andina, Ombudsman via Infobae, Ombudsman via Outlet 8, …\) — sources disagree: 46 vs 47 vs 48\n/);

    // The stored row: bounded, and the point it holds says how many reports it stands for.
    const { rows } = await app.store.viewRows('deaths', story.id);
    const row = rows.find((candidate) => candidate.key === DAY)!;
    const stored = JSON.parse(row.value) as { point: DeathsJson['series'][number] };
    assert.ok(stored.point.sources.length <= MOST_KEPT, `the row keeps ${stored.point.sources.length} of 50 reports`);
    assert.ok(Buffer.byteLength(row.value) < 8_000, `the row is ${Buffer.byteLength(row.value)} bytes`);
    assert.equal(stored.point.sources_total, 50);

    // The JSON: the kept reports, best first, and the total.
    const json = JSON.parse(JSON.stringify(answer.json)) as DeathsJson;
    const latest = json.latest!;
    assert.deepEqual([latest.as_of, latest.value, latest.low, latest.high], [DAY, 47, 46, 48]);
    assert.equal(latest.sources_total, 50);
    assert.ok(latest.sources.length <= MOST_KEPT);
    assert.deepEqual(latest.sources.slice(0, 8).map((s) => s.source), ['Andina', 'Infobae', 'Andina', 'Infobae', 'Andina', 'Infobae', 'Andina', 'Infobae']);
    assert.equal(latest.sources.at(-1)!.source, 'Outlet 8', 'the third reporter named is kept');
    assert.deepEqual(latest.reported_values, [46, 47, 48]);
    assert.equal(latest.reporters_total, 44);
    assert.deepEqual(json.series.map((point) => [point.as_of, point.value, point.sources_total]), [['2023-01-15', 40, 2], [DAY, 47, 50]]);

    // The story page: all 50 reports of the latest day (read for the page), the disagreement, the reporters.
    await server.start();
    const html = await (await fetch(new URL(`/stories/${story.id}`, server.url!))).text();
    assert.match(html, /<summary>All 50 reports for 2023-01-20<\/summary>/);
    const list = html.slice(html.indexOf('<ul class="reports">'), html.indexOf('</ul>', html.indexOf('<ul class="reports">')));
    assert.equal(list.match(/<li>/g)?.length, 50);
    for (let index = 0; index < 50; index++) assert.ok(list.includes(`report ${index} of 2023-01-20`), `report ${index} is listed`);
    assert.match(html, /<p class="disagree">Sources disagree: 46 vs 47 vs 48<\/p>/);
    assert.match(html, /<td>Ombudsman via Andina, Ombudsman via Infobae, Ombudsman via Outlet 8 \+41<\/td>/);
    assert.deepEqual(await (await fetch(new URL(`/stories/${story.id}/deaths.json`, server.url!))).json(), json);

    // A digest over the last five reports (48, ranked after the 45 others): a new disagreement on that day.
    const digest = await buildDigest(app.store, { destination: 'bounded-test', story, cursor, summarize: async () => '' });
    const spread = digest.entries.find((entry) => entry.text.startsWith('Sources disagree'));
    assert.equal(spread?.text, `Sources disagree on the toll for ${monthDayYear(DAY)}: 46 vs 47 vs 48`);
    assert.equal(new Set(spread.sources.map((s) => s.source)).size, 44, 'the entry cites every reporter of the day');
  } finally {
    await server.stop();
    await app.store.close();
  }
});
