import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApp } from '../../src/app.ts';
import { deliverDigest, previewDigest } from '../../src/pipeline/digest.ts';
import { CONSOLE_DESTINATION } from '../../src/pipeline/destination.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import type { Answer } from '../../src/core/answer.ts';
import { buildDigest } from '../../src/answers/digest/build.ts';

interface Item {
  title: string;
  date: string;
  link: string;
  text: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function feedFile(dir: string, name: string, outlet: string, items: Item[]): string {
  const path = join(dir, name);
  const body = items
    .map((item) => `<item><title>${escape(item.title)}</title><link>${item.link}</link><guid>${item.link}</guid><pubDate>${new Date(item.date).toUTCString()}</pubDate><description>${escape(item.text.split('\n\n').map((p) => `<p>${p}</p>`).join(''))}</description></item>`)
    .join('');
  writeFileSync(path, `<?xml version="1.0"?><rss version="2.0"><channel><title>${outlet}</title><link>https://${outlet.toLowerCase().replace(/\W/g, '')}.example/</link>${body}</channel></rss>`);
  return path;
}

const DECEMBER: Item = {
  title: 'Peru: 25 dead in a week of protests, Health Ministry says',
  date: '2022-12-19T15:00:00Z',
  link: 'https://andes.example/2022/12/19/toll',
  text: 'On Sunday, Peru’s Health Ministry said that 25 people have died during the protests against President Dina Boluarte since the ouster of Pedro Castillo.\n\nThe deaths occurred in Ayacucho, Apurimac, Cusco, Junin, La Libertad and Arequipa, the ministry said, while hundreds were injured.',
};
const MID_JANUARY: Item = {
  title: 'State of emergency declared in Lima and Puno as Boluarte apologizes',
  date: '2023-01-15T12:00:00Z',
  link: 'https://andes.example/2023/01/15/emergency',
  text: 'The Peruvian government declared a state of emergency in Lima, Cusco and Puno on Sunday to contain the anti-government protests.\n\nOn Friday, President Dina Boluarte apologized to the nation for the violence that has so far claimed 47 lives, but said she would not resign.',
};
const CURFEW = [
  ['Wire One', 'Curfew imposed in Puno after Juliaca clashes', 'The government imposed a three-day night curfew in the southern region of Puno on Tuesday after clashes in the city of Juliaca, the prime minister announced in a televised address.'],
  ['Diario Dos', 'Puno under curfew following Juliaca violence', 'A night curfew of three days was imposed on Tuesday in the southern Puno region following the clashes in Juliaca, the prime minister announced on television.'],
  ['Radio Tres', 'Prime minister announces Puno curfew after Juliaca clashes', 'Prime minister announces a three-day curfew at night in Puno region, southern Peru, after Tuesday clashes in Juliaca, in a televised address.'],
] as const;

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-digest-'));
  const app = openApp(join(dir, 'data'));
  const sent: Answer[] = [];
  const deliver = () => deliverDigest(app, CONSOLE_DESTINATION, async (answer) => void sent.push(answer));
  return { dir, app, sent, deliver };
}

test('batches in order: the toll change to 47 appears, a re-ingested batch yields nothing', async () => {
  const { dir, app, sent, deliver } = await setup();
  const december = feedFile(dir, 'december.xml', 'Andes Wire', [DECEMBER]);
  await ingestTargets(app, [december]);
  const first = await deliver();
  assert.ok(first.digest.entries.some((entry) => entry.kind === 'figure_change' && /Death toll: 25 as of Dec 18, 2022/.test(entry.text)), JSON.stringify(first.digest.entries.map((e) => e.text)));

  const january = feedFile(dir, 'january.xml', 'Andes Wire', [MID_JANUARY]);
  await ingestTargets(app, [january]);
  const second = await deliver();
  const change = second.digest.entries.find((entry) => entry.kind === 'figure_change');
  assert.match(change?.text ?? '', /^Death toll rises to 47 \(was 25 on Dec 18, 2022\) — per /);
  assert.equal(second.digest.entries[0], change, 'figure changes come first');
  assert.ok(second.digest.entries.some((entry) => entry.kind === 'event' && /state of emergency/i.test(entry.text)));
  assert.ok(change!.sources.every((source) => source.url === MID_JANUARY.link));

  await ingestTargets(app, [december, january]);
  const third = await deliver();
  assert.equal(third.digest.entries.length, 0);
  assert.equal(third.delivered, false, 'nothing new: no post');
  assert.equal(sent.length, 2);
  await app.store.close();
});

test('a figure already known is not news when a new article repeats it', async () => {
  const { dir, app, deliver } = await setup();
  await ingestTargets(app, [feedFile(dir, 'a.xml', 'Andes Wire', [MID_JANUARY])]);
  await deliver();
  const repeat: Item = {
    title: 'Boluarte refuses to resign',
    date: '2023-01-16T10:00:00Z',
    link: 'https://other.example/boluarte-refuses',
    text: 'President Dina Boluarte refused to step down on Monday. The unrest has so far claimed 47 lives, according to the government, and thousands of people marched in the capital again.',
  };
  await ingestTargets(app, [feedFile(dir, 'b.xml', 'Other Daily', [repeat])]);
  const { digest } = await deliver();
  assert.deepEqual(digest.entries.filter((entry) => entry.kind === 'figure_change').map((e) => e.text), []);
  assert.ok(digest.entries.some((entry) => entry.kind === 'story' && entry.text === repeat.title));
  await app.store.close();
});

test('one story from three outlets is one entry with three sources', async () => {
  const { dir, app } = await setup();
  const files = CURFEW.map(([outlet, title, text], index) =>
    feedFile(dir, `${index}.xml`, outlet, [{ title, text, date: '2023-01-10T20:00:00Z', link: `https://${index}.example/curfew` }]),
  );
  await ingestTargets(app, files);
  const { digest } = await previewDigest(app, CONSOLE_DESTINATION);
  const stories = digest.entries.filter((entry) => entry.kind === 'story');
  assert.equal(stories.length, 1, JSON.stringify(stories.map((s) => s.text)));
  assert.deepEqual(stories[0]!.sources.map((source) => source.source).sort(), ['Diario Dos', 'Radio Tres', 'Wire One']);
  assert.ok(stories[0]!.summary.length > 0);
  await app.store.close();
});

test('filters leave entries out and say why; a catastrophic regex cannot hang the digest', async () => {
  const { dir, app } = await setup();
  await ingestTargets(app, [feedFile(dir, 'a.xml', 'Andes Wire', [DECEMBER, MID_JANUARY])]);
  const { digest } = await previewDigest(app, { ...CONSOLE_DESTINATION, filters: { exclude: ['emergency', '/^(a+)+$/'] } });
  assert.ok(digest.excluded.some((entry) => /matches exclude filter emergency/.test(entry.reason)));
  assert.ok(digest.entries.every((entry) => !/emergency/i.test(entry.text)));
  const started = Date.now();
  const hostile = await previewDigest(app, { ...CONSOLE_DESTINATION, filters: { include: ['/^(a|aa)+$/'] } });
  assert.ok(Date.now() - started < 5000);
  assert.ok(hostile.digest.excluded.length > 0);
  await app.store.close();
});

test('a fuller text arriving later for a known story brings its new figure to the next digest', async () => {
  const { dir, app, deliver } = await setup();
  const teaser = 'Thousands of people marched through the centre of Lima on Thursday to demand the resignation of President Dina Boluarte and early elections, in the largest protest in the capital since the crisis began in December.';
  await ingestTargets(app, [feedFile(dir, 'teaser.xml', 'Andes Wire', [{ title: 'Thousands march in Lima', date: '2023-01-20T10:00:00Z', link: 'https://andes.example/march', text: teaser }])]);
  await deliver();
  const full = `${teaser}\n\nThe Ombudsman's office said on Thursday that 58 people have died in the protests so far, the highest toll in decades of unrest.`;
  await ingestTargets(app, [feedFile(dir, 'full.xml', 'Diario Dos', [{ title: 'Thousands march in Lima as toll reaches 58', date: '2023-01-20T12:00:00Z', link: 'https://dos.example/march', text: full }])]);
  const { digest } = await deliver();
  assert.ok(digest.entries.some((entry) => entry.kind === 'figure_change' && /Death toll: 58/.test(entry.text)), JSON.stringify(digest.entries.map((e) => e.text)));
  await app.store.close();
});

test('a burst larger than one digest holds is covered by the next digests in order, nothing skipped', async () => {
  const { dir, app } = await setup();
  const stories = [
    ['Airport in Juliaca closed again', 'The airport of Juliaca suspended all flights after demonstrators occupied the runway, the transport ministry said.'],
    ['Cusco hotels report cancellations', 'Hotels in Cusco said most foreign tourists had cancelled their bookings for the coming weeks because of the unrest.'],
    ['Teachers union joins national strike', 'The national teachers union announced that its members will stop work indefinitely to support the protesters demands.'],
    ['Copper mine halts output in Apurimac', 'A large copper mine in Apurimac suspended production after supply trucks were blocked on the only access road.'],
    ['Bishops call for dialogue', 'The bishops conference urged the government and protest leaders to open talks and avoid further violence in the south.'],
  ];
  const items = stories.map(([title, text], index) => ({ title: title!, text: text!, date: `2023-01-1${index}T10:00:00Z`, link: `https://andes.example/burst/${index}` }));
  await ingestTargets(app, [feedFile(dir, 'burst.xml', 'Andes Wire', items)]);
  const seen: string[] = [];
  let cursor = { sequence: 0, at: null as string | null };
  for (let round = 0; round < 3; round++) {
    const digest = await buildDigest(app.store, { destination: 'burst', story: app.stories[0] ?? null, cursor, summarize: async () => '', maxCopies: 2 });
    seen.push(...digest.entries.filter((entry) => entry.kind === 'story').map((entry) => entry.text));
    cursor = { sequence: digest.toSequence, at: digest.until };
  }
  assert.deepEqual(seen.sort(), items.map((item) => item.title).sort());
  await app.store.close();
});
