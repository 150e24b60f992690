import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEvents } from '../../src/facts/events.ts';
import { loadStory } from '../../src/facts/story.ts';
import { datesCompatible, filterEvents, mergeEvents, timelineText } from '../../src/timeline/events.ts';
import type { StoredEvent, TimelineEvent } from '../../src/timeline/types.ts';
import { seedDocs } from '../facts/seed-posts.ts';

const story = loadStory(new URL('../../config/stories/peru.yaml', import.meta.url).pathname);

function seedTimeline(): { stored: StoredEvent[]; merged: TimelineEvent[] } {
  const stored: StoredEvent[] = [];
  seedDocs().forEach(({ name, doc }, i) => {
    for (const e of extractEvents(doc, story)) {
      stored.push({ ...e, documentId: i + 1, source: { title: doc.title, url: `file://seeds/${name}`, source: `seed ${name}`, published: doc.published } });
    }
  });
  return { stored, merged: mergeEvents(stored) };
}

let id = 1;
function ev(date: string, text: string, extra: Partial<StoredEvent> = {}, source = 'Outlet'): StoredEvent {
  return { date, precision: 'day', text, places: [], actors: [], quote: `${text}.`, documentId: id++, source: { title: null, url: null, source, published: null }, ...extra };
}

test('seeds: the same events from several posts merge; oldest first', () => {
  const { stored, merged } = seedTimeline();
  assert.ok(merged.length < stored.length, `${merged.length} vs ${stored.length}`);
  const dates = merged.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort());

  const ouster = merged.filter((e) => e.date === '2022-12-07' && /Castillo/.test(e.text));
  assert.ok(ouster.length >= 1);
  const biggest = ouster.sort((a, b) => b.sources.length - a.sources.length)[0]!;
  assert.ok(new Set(biggest.sources.map((s) => s.documentId)).size >= 3, JSON.stringify(biggest, null, 1));

  const juliaca = merged.filter((e) => e.date >= '2023-01-09' && e.date <= '2023-01-10' && e.places.includes('Juliaca') && /killed|dead/.test(e.text));
  assert.equal(juliaca.length, 1, JSON.stringify(juliaca.map((e) => e.text)));
  assert.ok(new Set(juliaca[0]!.sources.map((s) => s.documentId)).size >= 3);
  assert.equal(juliaca[0]!.date, '2023-01-09');

  const emergency = merged.filter((e) => e.date === '2023-01-15' && /state of emergency/i.test(e.text));
  assert.equal(emergency.length, 1);
  // The RT headline and lead give no date of their own: the body's "published … late on Sunday" dates it.
  assert.ok(emergency[0]!.sources.every((s) => !/^State of emergency declared/.test(s.quote)), JSON.stringify(emergency[0]!.sources));
  // Sputnik's "Congress voted down a proposal" has no date in the text: it is not put on the publication day.
  assert.ok(!merged.some((e) => e.date === '2023-02-02' && /Congress/.test(e.text)));

  for (const [date, re] of [
    ['2022-12-15', /Ayacucho|shot down civilians/],
    ['2023-05-18', /US troops/],
    ['2023-07-19', /took over the capital|Takeover of Lima/],
  ] as const) {
    assert.ok(merged.some((e) => e.date === date && re.test(e.text)), `${date} ${re}`);
  }
});

test('mergeEvents: same kind and place within a day merge; other kinds or far dates do not', () => {
  const merged = mergeEvents([
    ev('2023-01-09', '17 people killed in Juliaca', { places: ['Juliaca'] }, 'A'),
    ev('2023-01-10', 'Security forces killed protesters in Juliaca', { places: ['Juliaca'], actors: ['security forces'] }, 'B'),
    ev('2023-01-09', 'Police arrested 40 protesters in Juliaca', { places: ['Juliaca'], actors: ['police'] }, 'C'),
    ev('2023-01-12', 'Two more killed in Juliaca', { places: ['Juliaca'] }, 'D'),
    ev('2023-01-09', 'Congress passed a vote of confidence', { actors: ['Congress'] }, 'E'),
  ]);
  assert.deepEqual(merged.map((e) => [e.date, e.text, e.sources.map((s) => s.source).join('+')]), [
    ['2023-01-09', 'Security forces killed protesters in Juliaca', 'A+B'],
    ['2023-01-09', 'Police arrested 40 protesters in Juliaca', 'C'],
    ['2023-01-09', 'Congress passed a vote of confidence', 'E'],
    ['2023-01-12', 'Two more killed in Juliaca', 'D'],
  ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
});

test('mergeEvents: a month-precision report joins the day-precision one of that month and keeps the day', () => {
  const merged = mergeEvents([
    ev('2022-12-15', 'President Castillo was arrested', { precision: 'month', actors: ['Pedro Castillo'] }, 'caucus99'),
    ev('2022-12-07', 'Castillo was impeached, arrested by his own security detail', { actors: ['Pedro Castillo'] }, 'naked capitalism'),
    ev('2023-01-15', 'Castillo was arrested again?', { precision: 'month', actors: ['Pedro Castillo'] }, 'X'),
  ]);
  assert.equal(merged.length, 2);
  assert.deepEqual([merged[0]!.date, merged[0]!.precision, merged[0]!.sources.length], ['2022-12-07', 'day', 2]);
  assert.equal(datesCompatible({ date: '2022-12-07', precision: 'day' }, { date: '2022-12-31', precision: 'month' }), true);
  assert.equal(datesCompatible({ date: '2022-12-07', precision: 'day' }, { date: '2022-12-09', precision: 'day' }), false);
});

test('filterEvents by date range and words (accent/case-insensitive); timelineText', () => {
  const events = mergeEvents([
    ev('2022-12-15', 'Army shot down civilians in Ayacucho', { places: ['Ayacucho'] }),
    ev('2023-01-09', '19 protesters killed in Juliaca', { places: ['Juliaca'] }),
    ev('2023-01-15', 'State of emergency in Apurímac', { places: ['Apurímac'] }),
    ev('2023-02-10', 'Protests in February', { precision: 'month' }),
  ]);
  assert.deepEqual(filterEvents(events, { from: '2023-01-01' }).map((e) => e.date), ['2023-01-09', '2023-01-15', '2023-02-10']);
  assert.deepEqual(filterEvents(events, { to: '2023-01-09' }).map((e) => e.date), ['2022-12-15', '2023-01-09']);
  assert.deepEqual(filterEvents(events, { from: '2023-02-20', to: '2023-03-01' }).map((e) => e.date), ['2023-02-10']);
  assert.deepEqual(filterEvents(events, { query: 'JULIACA' }).map((e) => e.date), ['2023-01-09']);
  assert.deepEqual(filterEvents(events, { query: 'apurimac emergency' }).map((e) => e.date), ['2023-01-15']);
  assert.deepEqual(filterEvents(events, { query: 'lima' }), []);
  // A place is a whole name the event names, not a word in its text.
  assert.deepEqual(filterEvents(events, { place: 'apurimac' }).map((e) => e.date), ['2023-01-15']);
  assert.deepEqual(filterEvents(events, { place: 'Juli' }), []);
  assert.deepEqual(filterEvents(events, { place: 'Juliaca', from: '2023-01-10' }), []);
  const text = timelineText(events);
  assert.match(text, /^2022-12-15 {2}Army shot down civilians in Ayacucho — Outlet/);
  assert.match(text, /2023-02 {5}Protests in February/);
  assert.equal(timelineText([]), 'No dated events found.');
});
