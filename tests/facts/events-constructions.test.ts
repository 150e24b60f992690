// Event constructions met in news of any crisis, one test per construction, with sentences written for the
// test (not taken from any report). Dates resolve against the publication date given to each document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEvents, type DatedEvent } from '../../src/facts/events.ts';
import { factsOf } from '../../src/facts/extract.ts';
import { loadStory } from '../../src/facts/story.ts';
import type { FactInput } from '../../src/facts/types.ts';

const story = loadStory(new URL('../../config/stories/peru.yaml', import.meta.url).pathname);
const doc = (text: string, published: string | null, language = 'en', title: string | null = null): FactInput => ({ title, text, published, language });
const lines = (events: DatedEvent[]) => events.map((e) => `${e.date} ${e.kind} ${e.text}`);
const dates = (events: DatedEvent[]) => events.map((e) => e.date);

// 2023-03-14 is a Tuesday.
const TUESDAY = '2023-03-14T12:00:00Z';

test('Spanish verbs of happening, dated by "este lunes" against the publication date', () => {
  const cases: [string, RegExp, string][] = [
    ['La Policía detuvo este lunes a dos dirigentes del gremio de transportistas.', /detuvo/, 'arrest'],
    ['Las clases se reanudaron este lunes en las escuelas de la ciudad.', /se reanudaron/, 'other'],
    ['El dirigente herido falleció este lunes en el hospital regional.', /falleció/, 'killing'],
    ['La ministra de Educación renunció este lunes a su cargo.', /renunció/, 'resignation'],
    ['El Congreso aprobó este lunes la ley de amnistía.', /aprobó/, 'vote'],
    ['La Defensoría denunció este lunes el uso de perdigones contra menores.', /denunció/, 'complaint'],
    ['Cuatro comuneros murieron este lunes en el desalojo de la carretera.', /murieron/, 'killing'],
  ];
  for (const [text, word, kind] of cases) {
    const events = extractEvents(doc(text, TUESDAY, 'es'), story);
    assert.deepEqual(dates(events), ['2023-03-13'], `${text}: ${lines(events).join(' / ')}`);
    assert.match(events[0]!.text, word);
    assert.equal(events[0]!.kind, kind, text);
  }
});

test('statements, reports, complaints and drownings are events; the line goes on to what was stated', () => {
  const said = extractEvents(doc('The regional health office said on Monday that nine people had died in the clashes.', TUESDAY), story);
  assert.deepEqual(dates(said), ['2023-03-13']);
  assert.match(said[0]!.text, /said that nine people had died/);
  const report = extractEvents(doc('In a report published on March 9, the commission counted 41 deaths.', TUESDAY), story);
  assert.deepEqual(dates(report), ['2023-03-09']);
  const drowned = extractEvents(doc('Two students drowned in the river on March 11 while fleeing the police.', TUESDAY), story);
  assert.deepEqual(lines(drowned), ['2023-03-11 killing Two students drowned in the river']);
});

test('a date belongs to its clause: a fronted date goes forward, a trailing one back, across asides', () => {
  const fronted = extractEvents(doc('On 5 March, the army, which had been confined to barracks, escalated its patrols in Puno.', TUESDAY), story);
  assert.deepEqual(dates(fronted), ['2023-03-05']);
  assert.match(fronted[0]!.text, /escalated its patrols/);
  const trailing = extractEvents(doc('Rosa Quispe was the first teacher killed, on 2 March 2023.', TUESDAY), story);
  assert.deepEqual(dates(trailing), ['2023-03-02']);
  // Two dates, two clauses: each goes with its own verb.
  const two = extractEvents(doc('Farmers blocked the highway on Sunday, and the police cleared it on Monday.', TUESDAY), story);
  assert.deepEqual(dates(two).sort(), ['2023-03-12', '2023-03-13']);
});

test('a date that opens or closes a period is no happening unless the clause says what happened that day', () => {
  assert.deepEqual(extractEvents(doc('Roadblocks have cut the south off since March 2.', TUESDAY), story), []);
  assert.deepEqual(extractEvents(doc('Las protestas que paralizan la región desde el 2 de marzo dejaron 12 muertos.', TUESDAY, 'es'), story), []);
  assert.deepEqual(extractEvents(doc('The curfew will apply until March 20.', TUESDAY), story), []);
  assert.deepEqual(extractEvents(doc('Nineteen people died between 4 and 9 March, the ombudsman said.', TUESDAY), story), []);
  assert.deepEqual(extractEvents(doc('Murieron 19 personas entre el 4 y el 9 de marzo.', TUESDAY, 'es'), story), []);
  // "began on", "until …, when": the clause says what happened.
  assert.deepEqual(dates(extractEvents(doc('The strike began on March 2 in the mining towns.', TUESDAY), story)), ['2023-03-02']);
  const when = extractEvents(doc('Students held the campus until March 8, when riot police stormed it.', TUESDAY), story);
  assert.deepEqual(lines(when), ['2023-03-08 clash Riot police stormed it']);
});

test('plans and dates something happened before are not the happening\'s date', () => {
  assert.deepEqual(extractEvents(doc('The unions called a new march for Friday.', TUESDAY), story), []);
  assert.deepEqual(extractEvents(doc('El referendo quedó fijado para el 26 de marzo.', TUESDAY, 'es'), story), []);
  assert.deepEqual(extractEvents(doc("Ahead of Thursday's march, police closed the main square.", TUESDAY), story), []);
  assert.deepEqual(extractEvents(doc('Protesters gathered on a single Friday last month.', TUESDAY), story), []);
});

test('undated happenings give nothing: a headline takes its date from the body, not from publication', () => {
  const events = extractEvents(
    doc('Police have arrested dozens of protesters in the capital. The interior ministry said the arrests took place on Sunday night.', TUESDAY, 'en', 'Dozens arrested in Lima'),
    story,
  );
  assert.deepEqual(dates(events), ['2023-03-12']);
  assert.ok(events.every((e) => e.quote !== 'Dozens arrested in Lima'));
});

test('live blogs: an entry header dates its first sentence and the relative cues inside it; headers are no events', () => {
  const text = [
    '10:15 — Schools stay closed',
    'Most schools kept their doors shut this morning.',
    'Lunes 13, 21:40 — Two dead in Juliaca',
    'Hospital staff confirmed the deaths of two young men brought in with gunshot wounds.',
    'The regional governor declared three days of mourning today.',
  ].join('\n\n');
  const events = extractEvents(doc(text, TUESDAY, 'es'), story);
  assert.ok(events.some((e) => e.date === '2023-03-13' && /confirmed the deaths/.test(e.text)), lines(events).join(' / '));
  assert.ok(events.some((e) => e.date === '2023-03-13' && /declared three days of mourning/.test(e.text)), lines(events).join(' / '));
  assert.ok(!events.some((e) => /Two dead in Juliaca|Schools stay closed/.test(e.quote)));
});

test('weekdays: "Monday of last week" is a week back; "that same night" and "a day later" take the date before them', () => {
  assert.deepEqual(dates(extractEvents(doc('Rights groups said three people were killed in Juli on Monday of last week.', TUESDAY), story)), ['2023-03-06']);
  const carried = extractEvents(doc('Troops entered Ilave on March 7. That same night, two shopkeepers were shot dead.', TUESDAY), story);
  assert.ok(carried.some((e) => e.date === '2023-03-07' && /shot dead/.test(e.text)), lines(carried).join(' / '));
  const later = extractEvents(doc('On March 6 the minister said 20 people had died; a day later the prime minister repeated the figure.', TUESDAY), story);
  assert.deepEqual(dates(later).sort(), ['2023-03-06', '2023-03-07']);
});

test('year-less dates: an anniversary piece keeps the year it wrote out; an undated page reads them in the story', () => {
  const anniversary = extractEvents(
    doc('It all began on 10 December 2022 in Andahuaylas.\n\nOn 15 December, soldiers fired on the crowd at the airport in Ayacucho.', '2027-12-12T00:00:00Z'),
    story,
  );
  assert.ok(anniversary.some((e) => e.date === '2022-12-15' && /fired on the crowd/.test(e.text)), lines(anniversary).join(' / '));
  // No publication date of its own: the extractor is handed the latest date the page names as its anchor.
  const undated = extractEvents(doc('On 15 December, soldiers fired on the crowd in Ayacucho. The inquiry closed in January 2024.', '2024-01-20T00:00:00Z'), story, { anchored: true });
  assert.deepEqual(dates(undated), ['2022-12-15']);
});

test("an encyclopedia page saved long after tells the story's days in the story's years, from a few days before its start", () => {
  const page: FactInput = {
    title: '2022–2023 Peruvian protests',
    text: [
      'Date: 7 December 2022 – 12 March 2023', 'Location: Peru', 'Casualties', 'Deaths: 49',
      '',
      'On 5 December, farmers in Puno called a strike against Congress.',
      'On 15 December, soldiers fired on the crowd at the airport in Ayacucho.',
      'On 9 January, police opened fire on protesters in Juliaca.',
    ].join('\n'),
    published: '2025-06-01',
    language: 'en',
  };
  const events = factsOf(page, [story]).events;
  assert.deepEqual(events.map((e) => e.date).sort(), ['2022-12-05', '2022-12-15', '2023-01-09'], events.map((e) => `${e.date} ${e.quote}`).join(' / '));
});

test('bylines and page metadata are not events', () => {
  assert.deepEqual(extractEvents(doc('Publicado el 14/03/2023 | Por Redacción Sur', TUESDAY, 'es'), story), []);
  assert.deepEqual(extractEvents(doc('This page was last edited on 14 March 2023, at 10:02 (UTC).', TUESDAY), story), []);
});

test('irregular past forms and participles are verbs of happening; "Friday prayers" is no date', () => {
  assert.deepEqual(dates(extractEvents(doc('A student was hit by a tear-gas canister on Saturday near the university.', TUESDAY), story)), ['2023-03-11']);
  assert.deepEqual(dates(extractEvents(doc('Los manifestantes hicieron una vigilia el domingo frente a la catedral.', TUESDAY, 'es'), story)), ['2023-03-12']);
  const shot = extractEvents(doc('Un joven de 19 años recibió tres disparos el 5 de marzo en Juliaca.', TUESDAY, 'es'), story);
  assert.deepEqual(lines(shot), ['2023-03-05 injury Un joven de 19 años recibió tres disparos en Juliaca']);
  const prayers = extractEvents(doc('Police fired on worshippers leaving Friday prayers on 10 March in Puno.', TUESDAY), story);
  assert.deepEqual(dates(prayers), ['2023-03-10']);
});

test('lines: a prepositional aside between subject and verb is left out; clock times do not cut the clause', () => {
  const aside = extractEvents(doc('The mayor of Puno, in a radio interview on Monday, said that four people had died.', TUESDAY), story);
  assert.deepEqual(lines(aside), ['2023-03-13 killing The mayor of Puno said that four people had died']);
  // A live-blog entry whose first sentence names only the end of a span ("hasta las 06:00 del lunes") keeps the entry's day.
  const text = 'Domingo 12, 19:00 — Toque de queda\n\nRige desde las 19:00 y hasta las 05:00 del lunes el toque de queda en Puno.';
  const curfew = extractEvents(doc(text, TUESDAY, 'es'), story);
  assert.deepEqual(lines(curfew), ['2023-03-12 emergency Rige desde las 19:00 y hasta las 05:00 el toque de queda en Puno']);
  // Both ends of a span dated: the entry's day is not the happening's.
  const span = 'Domingo 12, 10:00 — Detenidos\n\nLa policía informó que 40 personas fueron detenidas entre la noche del sábado y la madrugada de este domingo.';
  assert.deepEqual(extractEvents(doc(span, TUESDAY, 'es'), story), []);
});

test("an anniversary article's year-less days belong to the story's year it last wrote, not the publication year", () => {
  const text = 'Dos años después, las familias siguen esperando justicia por lo ocurrido en la jornada del 15 de enero de 2023 en Juliaca.\n\n'
    + 'El 13 de enero, en una reunión con el defensor del pueblo, el jefe policial anunció el despliegue de tropas.';
  const events = extractEvents(doc(text, '2025-01-13T12:00:00Z', 'es'), story);
  assert.ok(dates(events).includes('2023-01-13'), lines(events).join('\n'));
  assert.ok(!dates(events).includes('2025-01-13'), lines(events).join('\n'));
});

test('"cuatro días más tarde", "three days later" date a happening from the date before', () => {
  const text = 'Seis personas murieron el 9 de enero en Juliaca. Otras tres perdieron la vida cuatro días más tarde en Puno.';
  const events = extractEvents(doc(text, '2023-02-01T12:00:00Z', 'es'), story);
  assert.ok(dates(events).includes('2023-01-13'), lines(events).join('\n'));
});
