import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEvents, eventKind, type DatedEvent } from '../../src/facts/events.ts';
import { loadStory, normalizeName } from '../../src/facts/story.ts';
import type { FactInput } from '../../src/facts/types.ts';
import { addDays } from '../../src/core/calendar.ts';
import { posts003, seed, seedDocs } from './seed-posts.ts';

const story = loadStory(new URL('../../config/stories/peru.yaml', import.meta.url).pathname);
const doc = (text: string, published: string | null, language = 'en', title: string | null = null): FactInput => ({ title, text, published, language });

function find(events: DatedEvent[], date: string, text: RegExp): DatedEvent | undefined {
  return events.find((e) => e.date === date && text.test(e.text));
}
function expectEvent(events: DatedEvent[], date: string, text: RegExp): DatedEvent {
  const hit = find(events, date, text);
  assert.ok(hit, `no event on ${date} matching ${text}; got:\n${events.map((e) => `  ${e.date} ${e.text}`).join('\n')}`);
  return hit;
}
const post = (title: RegExp) => {
  const p = posts003().find((d) => title.test(d.title ?? ''));
  assert.ok(p, String(title));
  return p;
};

test('seed 003: Castillo impeached and arrested on 2022-12-07 (naked capitalism, May 26, 2023)', () => {
  const events = extractEvents(post(/US Military Personnel/), story);
  const e = expectEvent(events, '2022-12-07', /Castillo was impeached, arrested/);
  assert.equal(e.kind, 'removal');
  assert.equal(e.precision, 'day');
  assert.ok(e.actors.includes('Pedro Castillo'));
});

test('seed 003: Congress authorised US troops "last Thursday (May 18)" in a post of May 26, 2023', () => {
  const events = extractEvents(post(/US Military Personnel/), story);
  const e = expectEvent(events, '2023-05-18', /Congress authorised the entry of US troops/);
  assert.equal(e.kind, 'authorization');
  assert.doesNotMatch(e.text, /Thursday|May 18/);
  assert.ok(e.actors.includes('Congress'));
});

test('seed 003: the Juliaca killings on 2023-01-09 from three posts', () => {
  const counterpunch = expectEvent(extractEvents(post(/Indigenous Rebellion/), story), '2023-01-09', /19 protesters killed in Juliaca/);
  assert.ok(counterpunch.places.includes('Juliaca'));
  expectEvent(extractEvents(post(/Genocide Investigation/), story), '2023-01-09', /17 Peruvians dead .*Juliaca/);
  const mourns = expectEvent(extractEvents(post(/Peru Mourns/), story), '2023-01-09', /17 people killed/);
  assert.ok(mourns.places.includes('Juliaca'));
  // The same sentence also dates the mourning protests to Tuesday (2023-01-10), not to Monday.
  expectEvent(extractEvents(post(/Peru Mourns/), story), '2023-01-10', /took to the streets/);
});

test('seed 003: the state of emergency (RT, January 15, 2023) and Boluarte apologising on Friday', () => {
  const events = extractEvents(post(/State of emergency/), story);
  const e = expectEvent(events, '2023-01-15', /state of emergency/i);
  assert.equal(e.kind, 'emergency');
  expectEvent(events, '2023-01-13', /Boluarte apologized/);
});

test('seed 003: Sputnik dates no vote: neither its headline nor its body says when Congress voted', () => {
  const events = extractEvents(post(/Refuses Early Elections/), story);
  // An undated happening is no event: the publication day (2023-02-02) is not the vote's date.
  assert.ok(!events.some((e) => e.date === '2023-02-02'), JSON.stringify(events));
  // "Widespread pushback … began on December 7" dates the beginning itself.
  expectEvent(events, '2022-12-07', /pushback against the newly-formed Peruvian regime of Dina Boluarte began/);
});

test('seed 003: teleSUR: Health Ministry count on Sunday, ministers resigned Dec. 16, Congress appointed Boluarte Dec. 7', () => {
  const events = extractEvents(post(/25 Peruvians Murdered/), story);
  expectEvent(events, '2022-12-18', /Health Ministry acknowledged that 25 people have died/);
  expectEvent(events, '2022-12-16', /ministers of education and culture who resigned/);
  expectEvent(events, '2022-12-07', /Congress appointed Dina Boluarte/);
});

test('seed 003: posts from before the story start give no events', () => {
  assert.deepEqual(extractEvents(post(/Lima Group/), story), []);
  assert.deepEqual(extractEvents(post(/wins impeachment process/), story), []);
  // Without a story there is no start date to cut at, but the 2020 post dates its happenings by month only
  // ("In September 2019, Vizcarra … dissolve the National Congress"): no day, no event.
  const unscoped = extractEvents(post(/wins impeachment process/));
  assert.deepEqual(unscoped, []);
});

test('seed 002: the Ayacucho massacre on 2022-12-15 (explicit year, no publication date)', () => {
  const events = extractEvents(doc(seed('002_4808b8058ece4596.txt'), null), story);
  const e = expectEvent(events, '2022-12-15', /army shot down civilians/);
  assert.equal(e.kind, 'killing');
  assert.ok(e.places.includes('Ayacucho'));
  // Year-less dates cannot be placed without a publication date.
  assert.ok(events.every((ev) => ev.date.startsWith('2022-12')));
});

test('seed 001: the third Takeover of Lima on 2023-07-19', () => {
  const events = extractEvents(doc(seed('001_4a60e4f62b68f44e.txt'), '2023-12-08T00:00:00Z'), story);
  const e = expectEvent(events, '2023-07-19', /took over the capital/);
  assert.equal(e.kind, 'protest');
  // "building towards the Tercera Toma de Lima (Third Takeover of Lima) on July 19th" is a plan, not an event line.
  assert.ok(!events.some((ev) => /building towards/.test(ev.text)));
  // "December 7, 2023, marks the one-year anniversary of the … coup that ousted … Castillo" is not an ouster in 2023.
  assert.ok(!events.some((ev) => ev.date === '2023-12-07' && ev.kind === 'removal'));
});

test('seeds: every event is cut from its own sentence, dated within the story or its lead-up, no duplicates', () => {
  let total = 0;
  for (const { name, doc: d } of seedDocs()) {
    const events = extractEvents(d, story);
    total += events.length;
    const source = normalizeName(`${d.title ?? ''} ${d.text}`).replace(/[“”"‘’']/g, '');
    for (const e of events) {
      // (the month before the start is its lead-up: "met the defence minister on December 6", the day before the ouster)
      assert.ok(e.date >= addDays(story.start, -30), `${name}: ${e.date} ${e.text}`);
      assert.match(e.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(e.text.length > 8 && e.text.length <= 151, `${name}: ${e.text}`);
      assert.ok(source.includes(normalizeName(e.quote).replace(/[“”"‘’']/g, '')), `${name}: quote not in text: ${e.quote}`);
      // Built from the sentence: every word of the line is a word of the quote (a pronoun may become a name).
      const quoteWords = new Set(normalizeName(e.quote).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/));
      const missing = normalizeName(e.text).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w && !quoteWords.has(w));
      assert.ok(missing.length <= 1, `${name}: "${e.text}" has words not in its sentence: ${missing.join(', ')}`);
    }
    const keys = events.map((e) => `${e.date}|${e.text}`);
    assert.equal(new Set(keys).size, keys.length, `${name}: duplicates`);
  }
  assert.ok(total >= 30, `only ${total} events on the seeds`);
});

test('English sentences: explicit dates, weekdays and "yesterday" anchored on publication', () => {
  const e1 = extractEvents(doc('On March 3, 2023, police arrested 40 protesters in Cusco.', null), story);
  assert.equal(e1.length, 1);
  assert.equal(e1[0]!.date, '2023-03-03');
  assert.equal(e1[0]!.kind, 'arrest');
  assert.equal(e1[0]!.text, 'Police arrested 40 protesters in Cusco');
  assert.deepEqual(e1[0]!.places, ['Cusco']);
  assert.ok(e1[0]!.actors.includes('police'));

  // Friday 2023-01-20: "on Thursday" is the 19th.
  const e2 = extractEvents(doc('The country is tense. Congress on Thursday rejected a motion to bring forward the elections.', '2023-01-20T10:00:00Z'), story);
  const vote = e2.find((e) => e.kind === 'vote');
  assert.ok(vote);
  assert.equal(vote.date, '2023-01-19');
  assert.equal(vote.text, 'Congress rejected a motion to bring forward the elections');

  const e3 = extractEvents(doc('Thousands of farmers marched through Huamanga yesterday.', '2023-01-20T10:00:00Z'), story);
  assert.equal(e3[0]?.date, '2023-01-19');
  assert.deepEqual(e3[0]?.places, ['Huamanga']);
});

test('English: "hours later" takes the date of the sentence before; plans, demands and "since" give nothing', () => {
  const events = extractEvents(
    doc('The crisis deepened. On December 7, 2022, Castillo tried to dissolve Congress. Hours later, he was arrested by his own escort.', null),
    story,
  );
  const arrest = events.find((e) => e.kind === 'arrest');
  assert.ok(arrest, JSON.stringify(events));
  assert.equal(arrest.date, '2022-12-07');
  assert.equal(arrest.text, 'Castillo was arrested by his own escort');

  const none = extractEvents(
    doc('Unions will strike on Monday, January 23. Protesters demand the resignation of Boluarte. Protests have continued since December 7.', '2023-01-20T00:00:00Z'),
    story,
  );
  assert.deepEqual(none.map((e) => `${e.date} ${e.text}`), []);
});

test('Spanish sentences', () => {
  const e1 = extractEvents(doc('El 7 de diciembre de 2022, el Congreso destituyó a Pedro Castillo por incapacidad moral.', null, 'es'), story);
  assert.equal(e1.length, 1);
  assert.equal(e1[0]!.date, '2022-12-07');
  assert.equal(e1[0]!.kind, 'removal');
  assert.match(e1[0]!.text, /^El Congreso destituyó a Pedro Castillo/);
  assert.ok(e1[0]!.actors.includes('Congress') && e1[0]!.actors.includes('Pedro Castillo'));

  const e2 = extractEvents(doc('El Gobierno declaró el estado de emergencia en Lima, Cusco y Puno el 14 de enero.', '2023-01-16T00:00:00Z', 'es'), story);
  const emergency = e2.find((e) => e.kind === 'emergency');
  assert.ok(emergency, JSON.stringify(e2));
  assert.equal(emergency.date, '2023-01-14');
  assert.deepEqual(emergency.places, ['Lima', 'Cusco', 'Puno']);

  // Published Tuesday 2022-12-13: "el lunes" is the 12th.
  const e3 = extractEvents(doc('Seis personas murieron el lunes en Andahuaylas durante las protestas.', '2022-12-13T00:00:00Z', 'es'), story);
  const killing = e3.find((e) => e.kind === 'killing');
  assert.ok(killing, JSON.stringify(e3));
  assert.equal(killing.date, '2022-12-12');
  assert.deepEqual(killing.places, ['Andahuaylas']);

  const e4 = extractEvents(doc('Miles de manifestantes participaron en la Tercera Toma de Lima el 19 de julio de 2023.', null, 'es'), story);
  assert.equal(e4[0]?.date, '2023-07-19');
  assert.equal(e4[0]?.kind, 'protest');
});

test('eventKind names the strongest event word', () => {
  assert.equal(eventKind('Police arrested 40 protesters during the march'), 'arrest');
  assert.equal(eventKind('Congress authorises entry of US troops'), 'authorization');
  assert.equal(eventKind('Third Takeover of Lima'), 'protest');
  assert.equal(eventKind('A quiet day in Lima'), null);
});

test('a day something began on is an event; a span is not a date that blocks the lead\'s event', () => {
  const began = extractEvents(doc('Las protestas estallaron el 7 de diciembre en Lima tras la destitución de Pedro Castillo.', '2023-01-10', 'es'), story);
  expectEvent(began, '2022-12-07', /protestas estallaron/);
  const span = extractEvents(doc('LIMA, 10 ene (EFE).- Las protestas que sacudieron Perú entre diciembre y enero dejaron 46 muertos, según un informe divulgado este martes.', '2023-01-10', 'es'), story);
  expectEvent(span, '2023-01-10', /dejaron 46 muertos|informe divulgado/);
  assert.ok(!span.some((e) => e.date === '2023-01-31' || e.date === '2022-12-15'), 'the span is no event date');
});

test('the lead-up: a vote named with its written date before the story starts is on the timeline; a day read against another is not', () => {
  // story.start is 2022-12-07
  const events = extractEvents({
    title: null, published: '2022-12-20T12:00:00Z', language: 'en',
    text: 'Protests grew after the November 30 congressional vote on a motion against the president. '
      + 'The day before the ouster, ministers met in Lima. Thousands marched in Lima on December 15.',
  }, story);
  const dates = events.map((e) => e.date);
  assert.ok(dates.includes('2022-11-30'), dates.join(', '));
  assert.ok(dates.includes('2022-12-15'), dates.join(', '));
  assert.ok(!dates.some((d) => d < '2022-11-07'), dates.join(', '));
  assert.ok(!dates.includes('2022-12-19'), 'the day before publication is no day of this text');
});
