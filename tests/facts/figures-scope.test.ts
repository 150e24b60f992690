// Scope and date of counts that are parts of the toll: a place, a victim group, a hedged perpetrator, a window of time;
// lists of parts; earlier values; live blogs. Sentences are our own, modelled on constructions of real reporting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectFigures, figures } from './figure-helpers.ts';
import { factsOf } from '../../src/facts/extract.ts';
import { parseStory } from '../../src/facts/story.ts';
import type { Story } from '../../src/facts/types.ts';

const LAGOS: Story = parseStory({
  id: 'lagos-test', name: 'Test crisis', start: '2024-03-01', keywords: ['protest'],
  regions: [
    { name: 'Lagos', aliases: ['Departamento de Lagos'], places: ['Ikeja', 'Lekki'] },
    { name: 'Oyo', places: ['Ibadan', 'Ogbomosho'] },
  ],
}) as unknown as Story;
const PUB = '2024-03-20';

test('a place that restricts the count makes it a part of the toll; a place elsewhere in the sentence does not', () => {
  expectFigures(figures('En Ikeja se reportan 12 muertos desde el inicio de las protestas.', PUB, 'es', LAGOS), [
    { kind: 'deaths', value: 12, scope: 'subset', location: 'Ikeja' },
  ]);
  expectFigures(figures('El departamento de Lagos acumula 40 fallecidos, según el último balance.', PUB, 'es', LAGOS), [
    { kind: 'deaths', value: 40, scope: 'subset', location: 'Lagos' },
  ]);
  expectFigures(figures('The worst toll is in Ibadan, where 9 people have been killed since March 1.', PUB, 'en', LAGOS), [
    { kind: 'deaths', value: 9, scope: 'subset', location: 'Ibadan' },
  ]);
  // the toll is national: the town names where two more died, not where the 51 did
  expectFigures(figures('The toll has risen to 51, the rights office said, after two more people died in Lekki.', PUB, 'en', LAGOS)
    .filter((f) => f.value === 51), [{ kind: 'deaths', value: 51, scope: 'cumulative' }]);
  // most of them there: the place holds a share, the count is still the toll
  expectFigures(figures('It is the Oyo area where most of the 30 deaths have occurred.', PUB, 'en', LAGOS), [
    { kind: 'deaths', value: 30, scope: 'cumulative' },
  ]);
});

// Names written with a hyphen or an apostrophe ("KwaZulu-Natal", "N'Djamena") were never found: the gazetteer's pattern
// was built from its normalized keys, where both are gone.
const SAHEL: Story = parseStory({
  id: 'sahel-test', name: 'Test crisis', start: '2024-03-01', keywords: ['protest'],
  regions: [
    { name: "N'Djamena", places: ['Farcha'] },
    { name: 'Logone-Occidental', places: ['Moundou'] },
    { name: 'Mayo-Kebbi Est', places: ['Bongor'] },
  ],
}) as unknown as Story;

test('hyphenated and apostrophe place names restrict the counts they modify, and only those', () => {
  expectFigures(figures('In Logone-Occidental, 14 people have been killed since March 1.', PUB, 'en', SAHEL), [
    { kind: 'deaths', value: 14, scope: 'subset', location: 'Logone-Occidental' },
  ]);
  expectFigures(figures("En N’Djamena murieron 9 manifestantes desde el 1 de marzo.", PUB, 'es', SAHEL), [
    { kind: 'deaths', value: 9, scope: 'subset', location: "N'Djamena" },
  ]);
  // where a statement was made, not what it counts
  expectFigures(figures("In N'Djamena, the government said on Tuesday that the toll had risen to 50.", PUB, 'en', SAHEL), [
    { kind: 'deaths', value: 50, scope: 'cumulative', location: null },
  ]);
  // one of several places the count spans
  expectFigures(figures("At least 30 people have been killed in N'Djamena and other cities since March 1.", PUB, 'en', SAHEL), [
    { kind: 'deaths', value: 30, scope: 'cumulative', location: null },
  ]);
  expectFigures(figures("Police fired on marchers in several towns, Mayo-Kebbi Est among them, killing at least 21 people since March 1.", PUB, 'en', SAHEL), [
    { kind: 'deaths', value: 21, scope: 'cumulative', location: null },
  ]);
  // a part told after a dash names its own place, not the whole's
  expectFigures(figures("Officials have so far counted at least 11 deaths in the clashes - seven of them in Logone-Occidental and four in Bongor.", PUB, 'en', SAHEL), [
    { kind: 'deaths', value: 11, scope: 'cumulative' },
    { kind: 'deaths', value: 7, scope: 'subset', location: 'Logone-Occidental' },
    { kind: 'deaths', value: 4, scope: 'subset', location: 'Bongor' },
  ]);
});

test("one day's count: 'ese mismo día', 'that same day', 'la jornada de ayer' — but not 'desde la jornada de ayer'", () => {
  expectFigures(figures('Ese mismo día la policía disparó también en Ibadan, donde dos personas perdieron la vida.', PUB, 'es', LAGOS), [
    { kind: 'deaths', value: 2, scope: 'incident' },
  ]);
  expectFigures(figures('That same day, four more protesters were killed near the stadium.', PUB, 'en', null), [
    { kind: 'deaths', value: 4, scope: 'incident' },
  ]);
  expectFigures(figures('La jornada de ayer se saldó con once muertos entre manifestantes y policías.', PUB, 'es', null), [
    { kind: 'deaths', value: 11, scope: 'incident', asOf: '2024-03-19' },
  ]);
  expectFigures(figures('Son ya más de 60 los detenidos desde la jornada de ayer, según la policía.', PUB, 'es', null), [
    { kind: 'detained', value: 60, scope: 'cumulative' },
  ]);
});

test('two groups of one count are both parts; a list after a colon lists parts of the whole', () => {
  expectFigures(figures('Since March 1, 80 protesters and 7 members of the security forces have been killed.', PUB, 'en', null), [
    { kind: 'deaths', value: 80, scope: 'subset' },
    { kind: 'deaths', value: 7, scope: 'subset' },
  ]);
  expectFigures(figures('The group confirmed that 20 people died in the unrest: three soldiers, one firefighter and 16 demonstrators.', PUB, 'en', null), [
    { kind: 'deaths', value: 20, scope: 'cumulative' },
    { kind: 'deaths', value: 3, scope: 'subset' },
    { kind: 'deaths', value: 1, scope: 'subset' },
    { kind: 'deaths', value: 16, scope: 'subset' },
  ]);
  expectFigures(figures('Entre los extranjeros fallecidos hay cuatro venezolanos y dos haitianos, informó la Fiscalía.', PUB, 'es', null), [
    { kind: 'deaths', value: 4, scope: 'subset' },
    { kind: 'deaths', value: 2, scope: 'subset' },
  ]);
});

test('a sentence opening on its whole lists parts of it, of the kind and day of the whole', () => {
  const text = 'The ministry said on March 18 that 2,300 people had been injured. It also listed the deaths of 33 civilians. '
    + 'Of those, the ministry said 20 were linked to the protests, 8 had no link to them and five were still being examined.';
  const got = figures(text, PUB, 'en', null);
  expectFigures(got.filter((f) => f.kind === 'deaths' && f.value < 33), [
    { kind: 'deaths', value: 20, scope: 'subset' },
    { kind: 'deaths', value: 8, scope: 'subset' },
    { kind: 'deaths', value: 5, scope: 'subset' },
  ]);
  expectFigures(figures('Del total de detenidos en las marchas, 140 permanecen en prisión preventiva.', PUB, 'es', null), [
    { kind: 'detained', value: 140, scope: 'subset' },
  ]);
});

test('a hedged perpetrator, a status of part of the toll, a window of time: parts; plain "killed by security forces" is the toll', () => {
  expectFigures(figures('The group has registered 25 victims of homicidal violence allegedly committed by police officers.', PUB, 'en', null), [
    { kind: 'deaths', value: 25, scope: 'subset' },
  ]);
  expectFigures(figures('Authorities have confirmed 14 deaths related to the protests and say six more are under investigation.', PUB, 'en', null), [
    { kind: 'deaths', value: 14, scope: 'cumulative' },
    { kind: 'deaths', value: 6, scope: 'subset' },
  ]);
  expectFigures(figures('At least 300 people have been killed by security forces since the unrest began, the monitor said.', PUB, 'en', null), [
    { kind: 'deaths', value: 300, scope: 'cumulative' },
  ]);
  expectFigures(figures('In the past week alone, 11 people were killed, the monitor said.', PUB, 'en', null), [
    { kind: 'deaths', value: 11, scope: 'subset' },
  ]);
});

test('an earlier value of the count takes its own date; "every one" and "one of the" are no counts', () => {
  expectFigures(figures('The ombudsman put the number of dead at 31 nationwide on Tuesday, up from 26 two days earlier.', PUB, 'en', null), [
    { kind: 'deaths', value: 31, scope: 'cumulative', asOf: '2024-03-19' },
    { kind: 'deaths', value: 26, scope: 'cumulative' },
  ]);
  expectFigures(figures('The dead number 23, and every one of them was somebody’s child.', PUB, 'en', null), [
    { kind: 'deaths', value: 23, scope: 'cumulative' },
  ]);
  expectFigures(figures('One of the young men killed that night, a 20-year-old student, had joined a vigil.', PUB, 'en', null), []);
  expectFigures(figures('Six people have been sentenced to death over the unrest.', PUB, 'en', null), []);
});

test('a count with no date of its own describes the day the article reports on, not the day it was printed', () => {
  // Friday's paper on Thursday's marches; the day the groups spoke ("este viernes") is not the day of the deaths
  const text = 'Tres personas murieron y 40 fueron detenidas durante las marchas de este jueves, denunciaron este viernes varias organizaciones. '
    + 'De los detenidos, doce fueron arrestados en la capital.';
  expectFigures(figures(text, '2024-03-22', 'es', null), [
    { kind: 'deaths', value: 3, scope: 'incident', asOf: '2024-03-21' },
    { kind: 'detained', value: 40, scope: 'incident', asOf: '2024-03-21' },
    { kind: 'detained', value: 12, scope: 'subset', asOf: '2024-03-21' },
  ]);
});

test('a live blog: entries headed by an earlier day date their counts; an entry header restated in its body is one figure', () => {
  const text = [
    'Live coverage, updated Tuesday 19 March 2024',
    '',
    '09:15 — The ministry now counts 14 dead',
    '',
    'The interior ministry said 14 people have died since the protests began.',
    '',
    'Monday 18, 22:40 — Nine dead in the evening toll',
    '',
    'In its evening update the ministry said nine people had died since the start of the protests.',
  ].join('\n');
  expectFigures(figures(text, '2024-03-19', 'en', null), [
    { kind: 'deaths', value: 14, scope: 'cumulative', asOf: '2024-03-19' },
    { kind: 'deaths', value: 9, scope: 'cumulative', asOf: '2024-03-18' },
  ]);
});

test('a live blog updated days after it was first published: its entries keep their days, its newest speak from the update', () => {
  const text = [
    'By the desk | First published Monday, 18 March 2024 · Last updated Wednesday, 20 March 2024, 09:46 UTC',
    '',
    'Wednesday 20 March, 09:46 UTC – Rights group: at least 31 dead',
    '',
    'A rights group said on Tuesday that at least 31 protesters, in a dozen towns, have been killed since the protests began.',
    '',
    'Monday 18 March – What we know',
    '',
    'At least four deaths have been confirmed so far.',
  ].join('\n');
  const read = (published: string) => factsOf({ title: null, text, published, language: 'en' }, []).figures;
  // (first published on Monday: the Wednesday entry's count was lost, its header's day taken for last year's)
  expectFigures(read('2024-03-18'), [
    { kind: 'deaths', value: 31, scope: 'cumulative', asOf: '2024-03-19' },
    { kind: 'deaths', value: 4, scope: 'cumulative', asOf: '2024-03-18' },
  ]);
  // (an update into the next day only is still the first day's page: its night entries, past midnight on the outlet's
  // clock, are that day's)
  const overnight = text.replace('Wednesday, 20 March 2024, 09:46 UTC', 'Tuesday, 19 March 2024, 01:30 CET').replace('Wednesday 20 March, 09:46 UTC', '19/03 · 01.30').replace('on Tuesday', 'today');
  expectFigures(factsOf({ title: null, text: overnight, published: '2024-03-18', language: 'en' }, []).figures, [
    { kind: 'deaths', value: 31, scope: 'cumulative', asOf: '2024-03-18' },
    { kind: 'deaths', value: 4, scope: 'cumulative', asOf: '2024-03-18' },
  ]);
});

test('Spanish collective counts are about that many; thousands grouped by a space or written "mil"', () => {
  expectFigures(figures('Una veintena de manifestantes resultaron heridos y medio centenar fueron detenidos.', PUB, 'es', null), [
    { kind: 'injured', value: 20, qualifier: 'approximately' },
    { kind: 'detained', value: 50, qualifier: 'approximately' },
  ]);
  // ("una centena", "una cincuentena": the same collectives, less common)
  expectFigures(figures('Alrededor de una centena habrían resultado heridas y una cincuentena fueron detenidas.', PUB, 'es', null), [
    { kind: 'injured', value: 100, qualifier: 'approximately' },
    { kind: 'detained', value: 50, qualifier: 'approximately' },
  ]);
  expectFigures(figures('Las autoridades han detenido a 1 200 personas y la ONG habla de 11 mil detenidos.', PUB, 'es', null), [
    { kind: 'detained', value: 1200 },
    { kind: 'detained', value: 11000 },
  ]);
});

test('a whole restated ("Of the 148 dead, …") is no new figure; the rest of a whole and parts by place are parts', () => {
  const text = 'The report found that at least 60 people were killed on March 9. Of the 60 dead, 21 were shot in the head. '
    + 'The capital accounted for 35 of the deaths.';
  expectFigures(figures(text, PUB, 'en', null), [
    { kind: 'deaths', value: 60, asOf: '2024-03-09' },
    { kind: 'deaths', value: 21, scope: 'subset', asOf: '2024-03-09' },
    { kind: 'deaths', value: 35, scope: 'subset', asOf: '2024-03-09' },
  ]);
  // told again paragraphs later, after a day of its own was left behind: still the lead's count and the lead's day
  const far = 'The group said on Monday that at least 60 people had been killed since the vote. Shops stayed shut. Schools were closed. '
    + 'Fuel ran short in the north. Talks stalled again. Of the 60 dead, 58 were protesters and two were soldiers, the group added.';
  expectFigures(figures(far, '2024-03-13', 'en', null), [
    { kind: 'deaths', value: 60, qualifier: 'at_least', asOf: '2024-03-11' },
    { kind: 'deaths', value: 58, scope: 'subset', asOf: '2024-03-11' },
    { kind: 'deaths', value: 2, scope: 'subset', asOf: '2024-03-11' },
  ]);
  expectFigures(figures('Son 23 las personas que perdieron la vida. Según la institución, de los fallecidos, 19 ya fueron identificados, mientras que los cuatro restantes no.', PUB, 'es', null), [
    { kind: 'deaths', value: 23, scope: 'cumulative' },
    { kind: 'deaths', value: 19, scope: 'subset' },
    { kind: 'deaths', value: 4, scope: 'subset' },
  ]);
  expectFigures(figures('Police have arrested some 230 suspects. By province, the suspects comprise 71 from the Western Province, 43 from the Southern Province and one from the Northern Province.', PUB, 'en', null), [
    { kind: 'detained', value: 230, scope: 'cumulative' },
    { kind: 'detained', value: 71, scope: 'subset' },
    { kind: 'detained', value: 43, scope: 'subset' },
    { kind: 'detained', value: 1, scope: 'subset' },
  ]);
});

test('one night or one event named in the singular makes an incident; so does an increment ("four more deaths")', () => {
  expectFigures(figures('En la capital se registraron 37 detenidos durante la noche, informó la Policía.', '2022-05-03', 'es', null), [
    { kind: 'detained', value: 37, scope: 'incident' },
  ]);
  expectFigures(figures('Fifteen others, three of them soldiers, were also injured in the clash.', '2022-05-03', 'en', null), [
    { kind: 'injured', value: 15, scope: 'incident' },
    { kind: 'injured', value: 3, scope: 'subset' },
  ]);
  expectFigures(figures('Nueve personas resultaron heridas en el ataque contra la sede del partido.', '2022-05-03', 'es', null), [
    { kind: 'injured', value: 9, scope: 'incident' },
  ]);
  expectFigures(figures('The health ministry reported three more deaths in the unrest.', '2022-05-03', 'en', null), [
    { kind: 'deaths', value: 3, scope: 'incident' },
  ]);
  // (plural clashes can span the whole story)
  expectFigures(figures('Some 40 people have been killed in clashes with the police, the group said.', '2022-05-03', 'en', null), [
    { kind: 'deaths', value: 40, scope: 'cumulative' },
  ]);
});

test('a cause, a custody status or "only in <place>" restrict a count to a part', () => {
  expectFigures(figures('Eleven people were treated for gunshot wounds, the hospital said.', '2022-05-03', 'en', null), [
    { kind: 'injured', value: 11, scope: 'subset' },
  ]);
  expectFigures(figures('Según el parte, dos personas murieron en accidentes de tránsito durante los bloqueos.', '2022-05-03', 'es', null), [
    { kind: 'deaths', value: 2, scope: 'subset' },
  ]);
  expectFigures(figures('Los detenidos fueron 300 y, de ellos, solo 40 permanecen detenidos.', '2022-05-03', 'es', null), [
    { kind: 'detained', value: 300 },
    { kind: 'detained', value: 40, scope: 'subset' },
  ]);
  expectFigures(figures('El país vivió este lunes su peor jornada. Solo en Valparaíso, los choques dejaron 70 heridos.', '2022-05-03', 'es', null), [
    { kind: 'injured', value: 70, scope: 'subset' },
  ]);
});

test('a superlative\'s "since" ("la jornada más violenta desde que…") spans no period: the day\'s count is an incident', () => {
  expectFigures(figures('El país vivió este martes la jornada más violenta desde que comenzaron las marchas, con al menos seis personas muertas.', '2022-05-04', 'es', null), [
    { kind: 'deaths', value: 6, scope: 'incident', asOf: '2022-05-03' },
  ]);
  expectFigures(figures('Six people have been killed since the marches began on May 3, the ministry said.', '2022-05-10', 'en', null), [
    { kind: 'deaths', value: 6, scope: 'cumulative' },
  ]);
});

test('national stays national: "put the toll at 54 …, and said most had died in Puno and neighbouring Cusco"', () => {
  expectFigures(figures('A rights group put the number of dead at 54, not counting police officers, and said most had died in Puno and neighbouring Cusco.', '2023-01-20', 'en'), [
    { kind: 'deaths', value: 54, scope: 'cumulative', location: null },
  ]);
});

test('a list before a colon takes its scope and day from the clause after it (": ese fue el saldo de la jornada del …")', () => {
  expectFigures(figures('Seis muertos y 40 heridos: ese fue el saldo que dejó en el puerto la jornada del 3 de marzo de 2020.', '2022-03-03', 'es', null), [
    { kind: 'deaths', value: 6, scope: 'incident', asOf: '2020-03-03' },
    { kind: 'injured', value: 40, scope: 'incident', asOf: '2020-03-03' },
  ]);
});

test('a count in a live blog entry header is that entry\'s news, and "una jornada electoral" is one day', () => {
  const text = [
    'Elecciones, en directo',
    '',
    '30/07 · 14.40 — Dos muertes antes de abrir las urnas',
    'Dos hombres murieron de madrugada en un enfrentamiento cerca de un centro de votación en el estado andino.',
  ].join('\n');
  const read = figures(text, '2017-07-30', 'es', null);
  assert.ok(read.length > 0, 'the entry\'s counts are read');
  for (const f of read) assert.notEqual(f.scope, 'cumulative', f.quote);
  expectFigures(figures('La diputada lamentó que una jornada electoral deje 14 asesinados.', '2017-07-30', 'es', null), [{ kind: 'deaths', value: 14, scope: 'incident' }]);
});

test('a count "during" the movement runs over it, whatever words stand before its noun; a day of its own still makes one event', () => {
  expectFigures(figures('Officials say 150 people were killed and more than 4,000 arrested during the week of violent unrest.', '2024-04-10', 'en', null), [
    { kind: 'deaths', value: 150, scope: 'cumulative' },
    { kind: 'detained', value: 4000, qualifier: 'more_than', scope: 'cumulative' },
  ]);
  expectFigures(figures("Some 900 people were arrested during Lagos's post-election protests, the group said.", '2024-04-10', 'en', null), [
    { kind: 'detained', value: 900, scope: 'cumulative' },
  ]);
  expectFigures(figures('Al menos 40 personas murieron durante las masivas protestas, según la ONG.', '2024-04-10', 'es', null), [
    { kind: 'deaths', value: 40, qualifier: 'at_least', scope: 'cumulative' },
  ]);
  expectFigures(figures('Two people were killed in the protests in Ikeja on Tuesday.', '2024-04-10', 'en', null), [{ kind: 'deaths', value: 2, scope: 'incident', asOf: '2024-04-09' }]);
});

test("a live blog's newest, time-only entries are the update's day even when the page also tells the day before", () => {
  const text = [
    'Live: second day of protests after the vote',
    '',
    'Saucepan protests followed the clashes of Monday night in several cities.',
    '',
    '13:05 — Hospitals count 9 dead',
    '',
    'By 11 a.m. the hospitals network counted nine people dead in the protests. The injured numbered 60 in all.',
    '',
    '10:40 — A teenager dies in Ikeja',
    '',
    'A 15-year-old died during the protests of Monday night in Ikeja.',
  ].join('\n');
  expectFigures(figures(text, '2024-03-19', 'en', null), [
    { kind: 'deaths', value: 9, scope: 'cumulative', asOf: '2024-03-19' },
    { kind: 'injured', value: 60, asOf: '2024-03-19' },
  ]);
});

test("a live blog's entry keeps its own day: the morning entry's incident of the day before dates no count of the evening's", () => {
  const got = figures('Lunes 9, 18:00 – Balance de la tarde\nEl Ministerio del Interior eleva a 20 el número de agentes heridos en los disturbios.\n'
    + 'Lunes 9, 08:00 – Buenos días\nEl domingo 8 de enero, los enfrentamientos en Juliaca dejaron cuatro muertos.', '2023-01-09T17:00:00Z', 'es');
  assert.equal(got.find((f) => f.value === 20)?.asOf, '2023-01-09');
  assert.equal(got.find((f) => f.value === 4)?.asOf, '2023-01-08');
});

test('a place pointed at again ("en esa entidad") restricts the count to it; a lower-case "estado Oyo" is still a place', () => {
  const got = figures('La fiscal habló del estado Oyo, donde hubo saqueos durante tres días. La violencia en esa entidad, dijo, ha dejado seis personas muertas.', PUB, 'es', LAGOS);
  expectFigures(got, [{ kind: 'deaths', value: 6, scope: 'subset', location: 'Oyo' }]);
});

test('a count of one protest named in the singular, or of the day so far, is an incident', () => {
  expectFigures(figures('Police have so far detained 30 people over the march that turned violent outside the Congress on Thursday night.', '2023-01-13'), [
    { kind: 'detained', value: 30, scope: 'incident' },
  ]);
  expectFigures(figures('La Coordinadora contabiliza 41 detenidos en lo que va de día en las protestas de Lima.', '2023-01-13', 'es'), [
    { kind: 'detained', value: 41, scope: 'incident' },
  ]);
  // the plural still spans the movement
  expectFigures(figures('Police have so far detained 300 people over the protests.', '2023-01-13'), [{ kind: 'detained', value: 300, scope: 'cumulative' }]);
});

test('what a relative clause after a count says of its part does not narrow the count', () => {
  expectFigures(figures('Las protestas se saldaron con un muerto y más de 1.300 detenidos, cientos de los cuales siguen en prisión, según la organización.', '2023-01-13', 'es'), [
    { kind: 'deaths', value: 1, scope: 'cumulative' },
    { kind: 'detained', value: 1300, scope: 'cumulative' },
  ]);
});

test('a count over the days of the protests runs over them', () => {
  expectFigures(figures('Durante los cinco días de manifestaciones, al menos 208 personas murieron, según la ONU.', '2023-01-13', 'es'), [
    { kind: 'deaths', value: 208, scope: 'cumulative' },
  ]);
});

test('a "since" told of another noun in a relative clause ("las protestas que se suceden desde hace dos semanas") does not make a dated count a running one', () => {
  const got = figures('Dos personas murieron este martes cuando un hombre abrió fuego en una de las protestas que se suceden desde hace dos semanas en Puno.', '2023-01-10', 'es');
  assert.deepEqual(got.map((f) => [f.value, f.scope, f.asOf]), [[2, 'incident', '2023-01-10']]);
  // (the count's own "since" still runs over the period)
  const running = figures('Al menos 40 personas han muerto desde el 7 de diciembre en las protestas que sacuden el sur.', '2023-01-10', 'es');
  assert.deepEqual(running.map((f) => [f.value, f.scope]), [[40, 'cumulative']]);
  // (the relative clause right after its "que": "los manifestantes que desde hacía dos meses acampaban")
  const camp = figures('Al menos 30 personas perdieron la vida este lunes cuando la policía desalojó a los manifestantes que desde hacía dos meses acampaban frente al Congreso.', '2023-01-10', 'es');
  assert.deepEqual(camp.map((f) => [f.value, f.scope, f.asOf]), [[30, 'incident', '2023-01-09']]);
  // (the count inside the relative clause keeps its "since"; "up to December 31" ends a span as "until" does)
  const within = figures('Las protestas, que desde el 7 de diciembre han dejado 40 muertos, siguen.', '2023-01-10', 'es');
  assert.deepEqual(within.map((f) => [f.value, f.scope]), [[40, 'cumulative']]);
  const upTo = figures('A rights group told reporters that 30 people had been killed up to January 8, and that since then there had been more deaths.', '2023-01-10', 'en');
  assert.deepEqual(upTo.map((f) => [f.value, f.scope, f.asOf]), [[30, 'cumulative', '2023-01-08']]);
});

test('deaths a disease or a disaster caused are not the story\'s casualties; the unrest\'s, told beside them, are', () => {
  // own sentences, after AFP's anniversary piece on Dilan Cruz (2020-11-23), which told the pandemic's toll beside the
  // protests' (https://jornada.com.mx/noticia/2020/11/23/mundo/homenajean-en-bogota-a-joven-asesinado-en-protestas-de-2019-2922)
  const es = (text: string) => figures(text, '2020-11-23', 'es', null);
  const en = (text: string) => figures(text, '2020-11-23', 'en', null);
  expectFigures(es('Las marchas perdieron fuerza con la pandemia, que ya deja más de 35.000 muertos en el país.'), []);
  expectFigures(es('Unos 5.000 muertos por coronavirus contrastan con los 13 fallecidos durante las protestas.'), [{ kind: 'deaths', value: 13 }]);
  expectFigures(en('COVID-19 has killed more than 35,000 people in the country. At least 13 protesters were killed by police.'), [{ kind: 'deaths', value: 13 }]);
  expectFigures(en('The country has recorded 35,000 deaths from COVID-19.'), []);
  // (the pandemic as the time of a killing is no cause of it)
  expectFigures(en('In the middle of the pandemic, 40 protesters were killed by the police.'), [{ kind: 'deaths', value: 40 }]);
});

test('the movement as what left a count ("the unrest has left", "que dejaron las protestas") makes its running toll; one day or one protest still makes an incident', () => {
  // own sentences, after EFE on Provea's tally (https://247newsagency.com/top-news/368685.html) and Infobae a year after
  // 12F (https://www.infobae.com/2015/02/12/1626325-las-marcas-que-dejo-el-12f-las-calles-caracas/)
  const en = (text: string) => figures(text, '2024-08-06', 'en', null);
  const es = (text: string) => figures(text, '2015-02-12', 'es', null);
  expectFigures(en('The unrest has also left 90 people injured, the NGO said.'), [{ kind: 'injured', value: 90, scope: 'cumulative' }]);
  expectFigures(es('Fue la primera de las 43 víctimas fatales que dejaron las protestas contra el gobierno.'), [{ kind: 'deaths', value: 43, scope: 'cumulative' }]);
  expectFigures(es('La crisis económica se agrava con unos disturbios que ya se cobraron 19 vidas.'), [{ kind: 'deaths', value: 19, scope: 'cumulative' }]);
  expectFigures(es('La protesta del martes dejó tres muertos en el puerto.'), [{ kind: 'deaths', value: 3, scope: 'incident' }]);
});

test('a count over the movement\'s days ("over the five days of protests", "in less than two weeks", "en el marco de las movilizaciones") runs over them', () => {
  // own sentences, after an anniversary piece on Iran's November 2019 protests
  // (https://rightscorridor.com/iran-deliberately-shut-down-internet-in-november-2019-killings-amnesty-says/) and Reuters'
  // special report of 23 December 2019 (https://yesterdaysprophecy.com/special-report-irans-leader-ordered-crackdown-on-unrest-do-whatever-it-takes-to-end-it)
  const en = (text: string) => figures(text, '2020-11-16', 'en', null);
  expectFigures(en('Over the five days of protests that followed, security forces killed at least 304 people.'), [{ kind: 'deaths', value: 304, scope: 'cumulative' }]);
  expectFigures(en('About 1,500 people were killed in less than two weeks.'), [{ kind: 'deaths', value: 1500, scope: 'cumulative' }]);
  expectFigures(figures('Según la ONG, hubo al menos 66 víctimas mortales en el marco de las movilizaciones.', '2021-06-01', 'es', null), [{ kind: 'deaths', value: 66, scope: 'cumulative' }]);
});

test('a count of one weekday pointed at, of one operation\'s toll, or of the dead seen at one hospital or morgue is an incident', () => {
  // own sentences, after reporting of Bolivia's gas war (2003) and of the clearing of Cairo's camps (2013)
  const en = (text: string) => figures(text, '2003-10-14', 'en', null);
  const es = (text: string) => figures(text, '2013-08-15', 'es', null);
  expectFigures(en('Of the 28 people killed that Sunday, one was a soldier.'), [
    { kind: 'deaths', value: 28, scope: 'incident' },
    { kind: 'deaths', value: 1, scope: 'subset' },
  ]);
  expectFigures(es('Más de veinte muertos es el trágico saldo del operativo que ordenó el Gobierno.'), [{ kind: 'deaths', value: 20, scope: 'incident' }]);
  expectFigures(es('Un testigo aseguró haber visto quince cadáveres en el hospital de campaña de la acampada.'), [{ kind: 'deaths', value: 15, scope: 'incident' }]);
  expectFigures(figures('Reporters counted 40 bodies at the morgue.', '2013-08-15', 'en', null), [{ kind: 'deaths', value: 40, scope: 'incident' }]);
});

test('a count over a few days of one week ("entre el lunes y el jueves") is a window of the toll, even told as a toll', () => {
  // own sentence, after EFE on Plataforma Decide's count of 27 December 2024 (tests/fixtures/news/mozambique-2024, dev part)
  expectFigures(figures('Son al menos 134 las personas que murieron entre el lunes y el jueves en la oleada de protestas, según la ONG.', '2024-12-27', 'es', null), [
    { kind: 'deaths', value: 134, scope: 'subset' },
  ]);
  expectFigures(figures('At least 20 people were killed between Tuesday and Wednesday, the group said.', '2024-12-27', 'en', null), [{ kind: 'deaths', value: 20, scope: 'subset' }]);
});

test('a tally of the whole country taken on a day ("había contabilizado … en todo el país" in yesterday\'s edition) is as of that day, not its toll', () => {
  // own sentence, after La Capital on 21 December 2001 (tests/fixtures/news/argentina-2001, dev part)
  expectFigures(figures('En su edición de ayer, este diario había contabilizado al menos 22 víctimas fatales en todo el país.', '2001-12-21', 'es', null), [
    { kind: 'deaths', value: 22, scope: 'cumulative', asOf: '2001-12-20' },
  ]);
  // (a day's deaths across the country are still that day's)
  expectFigures(figures('El lunes murieron cinco personas en todo el país.', '2001-12-21', 'es', null), [{ kind: 'deaths', value: 5, scope: 'incident' }]);
});

test('a running count\'s cue in its own stretch between commas ("que ya se cobraron 19 vidas", "has so far claimed") leaves a day named in another stretch to that stretch\'s verb', () => {
  // own sentences, after AP on 20 December 2001 (tests/fixtures/news/argentina-2001, dev part)
  expectFigures(figures('Los saqueos seguían creciendo el jueves en el país, agobiado por una crisis económica y por unos disturbios que ya se cobraron 19 vidas.', '2001-12-21', 'es', null), [
    { kind: 'deaths', value: 19, scope: 'cumulative' },
  ]);
  expectFigures(figures('Looting spread on Thursday across the country, battered by a slump and by unrest that has so far claimed 19 lives.', '2001-12-21', 'en', null), [
    { kind: 'deaths', value: 19, scope: 'cumulative' },
  ]);
  // (without such a cue the day is the count's: "…on Thursday, and five people died in the looting")
  expectFigures(figures('Looting spread on Thursday across the north, where five people died in the riots.', '2001-12-21', 'en', null), [
    { kind: 'deaths', value: 5, scope: 'incident', asOf: '2001-12-20' },
  ]);
});

test('a day in a stretch after the count that a subordinator opens ("tal y como había prometido el jueves …") is that clause\'s, not the count\'s', () => {
  // own sentence, after EFE on 5 October 2019 (tests/fixtures/news/iraq-2019, dev part)
  expectFigures(figures('La comisión precisó que tiene registrados 93 muertos y 3.978 heridos en todo el país, tal y como había prometido el jueves por la noche el primer ministro.', '2019-10-05', 'es', null), [
    { kind: 'deaths', value: 93, scope: 'cumulative', asOf: '2019-10-05' },
    { kind: 'injured', value: 3978, scope: 'cumulative', asOf: '2019-10-05' },
  ]);
});

test("a day's count on the day the story began is its running toll on that day; a later day's count is that day's", () => {
  // (the Peru story began on Wednesday 2022-12-07)
  expectFigures(figures('Al menos dos personas murieron este miércoles en enfrentamientos con la policía en todo el país.', '2022-12-07', 'es'), [
    { kind: 'deaths', value: 2, scope: 'cumulative', asOf: '2022-12-07' },
  ]);
  expectFigures(figures('Al menos dos personas murieron este jueves en enfrentamientos con la policía en todo el país.', '2022-12-08', 'es'), [
    { kind: 'deaths', value: 2, scope: 'incident', asOf: '2022-12-08' },
  ]);
});

test('a count an inquiry or an estimate arrives at ("found that", "calculan que") sums the story up, whatever its tense', () => {
  expectFigures(figures('The commission\'s investigators found that 412 people were arrested.', '2023-03-01', 'en'), [
    { kind: 'detained', value: 412, scope: 'cumulative' },
  ]);
  expectFigures(figures('Las ONG calculan que unas 600 personas fueron detenidas.', '2023-03-01', 'es'), [
    { kind: 'detained', value: 600, scope: 'cumulative' },
  ]);
  // (without the finding, a bare past count is one event's)
  expectFigures(figures('Police said 412 people were arrested.', '2023-03-01', 'en'), [
    { kind: 'detained', value: 412, scope: 'incident' },
  ]);
});

test('a count over the disturbances, riots or violence ("during the three days of disturbances") runs over them', () => {
  expectFigures(figures('The president said 54 people were killed during the three days of disturbances.', '2023-03-01', 'en'), [
    { kind: 'deaths', value: 54, scope: 'cumulative' },
  ]);
  expectFigures(figures('El Gobierno reconoció que 31 personas murieron durante los disturbios.', '2023-03-01', 'es'), [
    { kind: 'deaths', value: 31, scope: 'cumulative' },
  ]);
});

test('"the remaining two deaths", "las dos muertes restantes" are the rest of a whole; "two more people were shot dead" are new deaths, not the toll', () => {
  expectFigures(figures('De los 17 fallecidos, 15 murieron por disparos. Las dos muertes restantes se debieron a atropellos.', PUB, 'es', null), [
    { kind: 'deaths', value: 17, scope: 'cumulative' },
    { kind: 'deaths', value: 15, scope: 'subset' },
    { kind: 'deaths', value: 2, scope: 'subset' },
  ]);
  expectFigures(figures('Two more people had been shot dead near the square, police said.', PUB, 'en', null), [
    { kind: 'deaths', value: 2, scope: 'incident' },
  ]);
});

test('the place or group hit hardest "with" a count, and a place pointed at by "allí", hold a part of the toll', () => {
  expectFigures(figures('Ogbomosho was worst hit, with 14 people killed, the police said.', PUB, 'en', LAGOS), [
    { kind: 'deaths', value: 14, scope: 'subset' },
  ]);
  expectFigures(figures('Oyo es el departamento más castigado, con 9 muertos, según la Defensoría.', PUB, 'es', LAGOS), [
    { kind: 'deaths', value: 9, scope: 'subset' },
  ]);
  expectFigures(figures('Ikeja encabeza la lista con 210 arrestos, según la policía.', PUB, 'es', LAGOS), [
    { kind: 'detained', value: 210, scope: 'subset' },
  ]);
  expectFigures(figures('Las protestas más duras se vivieron en Ibadan. Allí se contabilizan ya 23 fallecidos, según el hospital.', PUB, 'es', LAGOS), [
    { kind: 'deaths', value: 23, scope: 'subset', location: 'Ibadan' },
  ]);
  // a national count stays the toll
  expectFigures(figures('Ikeja was worst hit by the looting. Across the country, 40 people have been killed since March 1.', PUB, 'en', LAGOS), [
    { kind: 'deaths', value: 40, scope: 'cumulative' },
  ]);
});

test('a count run from a day weeks into the story counts that stretch; run from the story\'s first days, it is the toll', () => {
  // PUB is a Wednesday, nearly three weeks after LAGOS began: "since Thursday" is one week of it
  expectFigures(figures('Since Thursday the death toll has reached 31, and 200 people have been injured.', PUB, 'en', LAGOS), [
    { kind: 'deaths', value: 31, scope: 'incident' },
    { kind: 'injured', value: 200, scope: 'incident' },
  ]);
  expectFigures(figures('Con el cerco de la policía, son ya al menos 17 los muertos desde la noche del jueves.', PUB, 'es', LAGOS), [
    { kind: 'deaths', value: 17, scope: 'incident' },
  ]);
  // four days in, "desde el viernes" (the first day) is the story's own span
  expectFigures(figures('Son ya al menos 17 los muertos desde el viernes.', '2024-03-05', 'es', LAGOS), [{ kind: 'deaths', value: 17, scope: 'cumulative' }]);
  // a span with its end sums a period up; one opened by a beginning is the writer's to call
  expectFigures(figures('The rights group counted 40 deaths between March 12 and March 18.', PUB, 'en', LAGOS), [{ kind: 'deaths', value: 40, scope: 'cumulative' }]);
});

test('"the dead included three soldiers", "los fallecidos incluyen a dos policías": a part of the dead; "costó hoy la vida a"', () => {
  expectFigures(figures('The dead included three soldiers, the army said.', PUB, 'en', LAGOS), [{ kind: 'deaths', value: 3, scope: 'subset' }]);
  expectFigures(figures('Those killed include two police officers.', PUB, 'en', LAGOS), [{ kind: 'deaths', value: 2, scope: 'subset' }]);
  expectFigures(figures('Los fallecidos incluyen a dos policías, según el ministerio.', PUB, 'es', LAGOS), [{ kind: 'deaths', value: 2, scope: 'subset' }]);
  expectFigures(figures('El desalojo costó ayer la vida a por lo menos 14 personas, según la Defensoría.', PUB, 'es', LAGOS), [
    { kind: 'deaths', value: 14, qualifier: 'at_least' },
  ]);
});

test('the day a share of a count died is not the day the count stands at; parts in brackets of a count that is no casualty are not casualties', () => {
  expectFigures(figures('The unrest had already claimed 29 lives, most of them on March 9, when troops cleared the square.', PUB, 'en', LAGOS), [
    { kind: 'deaths', value: 29, scope: 'cumulative', asOf: PUB },
  ]);
  expectFigures(figures('Las protestas ya se habían cobrado 29 vidas, la mayoría el 9 de marzo.', PUB, 'es', LAGOS), [{ kind: 'deaths', value: 29, asOf: PUB }]);
  // (the injured named before the tear-gas count give its bracketed parts no kind; the injured's own parts keep theirs)
  expectFigures(
    figures('Según la comisión hubo 7 fallecidos y 174 lesionados. A ello se suman 171 vecinos afectados por el gas lacrimógeno (84 en Ikeja, 25 en Lekki y 62 en Ibadan).', PUB, 'es', LAGOS),
    [{ kind: 'deaths', value: 7 }, { kind: 'injured', value: 174 }],
  );
  expectFigures(figures('Hubo 174 vecinos lesionados (149 en Ikeja, 9 en Lekki y 16 en Ibadan).', PUB, 'es', LAGOS), [
    { kind: 'injured', value: 174, scope: 'cumulative' },
    { kind: 'injured', value: 149, scope: 'subset' },
    { kind: 'injured', value: 9, scope: 'subset' },
    { kind: 'injured', value: 16, scope: 'subset' },
  ]);
});

test('"another N" / "otras N" on top of a count of the same kind just told adds to it: not the toll; after another kind, other people counted whole', () => {
  const read = (text: string, language: 'en' | 'es') => figures(text, PUB, language, LAGOS).map((f) => `${f.kind} ${f.value} ${f.scope}`);
  assert.deepEqual(read('Hasta el lunes la lista de la comisión sumaba doce muertos. En los enfrentamientos posteriores perdieron la vida otras 31 personas.', 'es'), [
    'deaths 12 cumulative',
    'deaths 31 incident',
  ]);
  assert.deepEqual(read('So far the commission has listed 12 deaths in the protests. Another 31 people were killed in later clashes.', 'en'), [
    'deaths 12 cumulative',
    'deaths 31 incident',
  ]);
  // (after a count of the dead, "otros 80" of the injured are all the injured)
  assert.deepEqual(read('Un total de 12 personas murieron en las protestas y otras 80 resultaron heridas.', 'es'), ['deaths 12 cumulative', 'injured 80 cumulative']);
});

test('two victim groups counted side by side are each a part, with the kind word before the group too, and of one clash as well', () => {
  const read = (text: string, language: 'en' | 'es' = 'en') => figures(text, PUB, language, LAGOS).map((f) => `${f.kind} ${f.value} ${f.scope}`);
  assert.deepEqual(read('The army counted four dead protesters and 9 dead soldiers.'), ['deaths 4 subset', 'deaths 9 subset']);
  assert.deepEqual(read('Four protesters and 9 soldiers were killed in the clashes.'), ['deaths 4 subset', 'deaths 9 subset']);
  assert.deepEqual(read('Los choques dejaron cuatro manifestantes muertos y 9 soldados muertos.', 'es'), ['deaths 4 subset', 'deaths 9 subset']);
});

test('national stays national: a toll whose sentence goes on to where others died, or names a place among others, has no place of its own', () => {
  const read = (text: string, language: 'en' | 'es') =>
    figures(text, '2023-02-10', language).map((f) => `${f.kind} ${f.value} ${f.scope} ${f.location ?? '-'}`);
  // (the issue's own example, and ours in Spanish)
  assert.deepEqual(read('The death toll has risen to 67, the Ombudsman said, after two more people died in clashes in Cusco.', 'en')[0], 'deaths 67 cumulative -');
  assert.deepEqual(read('La cifra de fallecidos subió a 67, informó la Defensoría, tras la muerte de dos personas más en Cusco.', 'es')[0], 'deaths 67 cumulative -');
  assert.deepEqual(read('La cifra de muertos de las protestas que sacudieron a Puno y a otras regiones del país subió este jueves a 67.', 'es'), ['deaths 67 cumulative -']);
  // a place that modifies the count itself still makes it that place's
  assert.deepEqual(read('In Cusco, 18 people have died since the protests began.', 'en'), ['deaths 18 subset Cusco']);
});

test('a wave of protests or the last weeks are a period: the count runs over it; drowning named as the cause is a part', () => {
  const wave = figures('Security forces killed more than 400 people during the recent wave of anti-government protests, a rights group said.', '2016-06-16', 'en', null);
  assert.equal(wave[0]?.scope, 'cumulative');
  const weeks = figures('Al menos 75 personas han muerto en las últimas semanas en las manifestaciones, según la organización.', '2015-12-19', 'es', null);
  assert.equal(weeks[0]?.scope, 'cumulative');
  const ola = figures('Durante la oleada de protestas de junio murieron al menos 12 personas, según la sociedad civil.', '2025-07-01', 'es', null);
  assert.equal(ola[0]?.scope, 'cumulative');
  assert.equal(figures('A gendarmerie unit referred to two deaths that "occurred by drowning".', '2025-06-29', 'en', null)[0]?.scope, 'subset');
  assert.equal(figures('La Gendarmería mencionó dos muertes por ahogamiento.', '2025-06-29', 'es', null)[0]?.scope, 'subset');
});

test('detainees counted at one named place of detention are a part of the arrests; "remain in prison" names no place', () => {
  const camp = figures('Most of them are held at the Kaliti training camp, where 2,500 people, 90 of them women, are detained.', '2016-11-15', 'en', null);
  assert.equal(camp.find((f) => f.value === 2500)?.scope, 'subset');
  assert.equal(figures('The Awash centre holds 1,174 detainees from the eastern zones.', '2016-11-15', 'en', null)[0]?.scope, 'subset');
  assert.equal(figures('At centres in Dila and Yirgalem, 2,114 people are being held.', '2016-11-15', 'en', null)[0]?.scope, 'subset');
  assert.equal(figures('En el penal de Tlacolula permanecen 56 detenidos.', '2006-12-01', 'es', null)[0]?.scope, 'subset');
  const whole = figures('Las protestas se saldaron con más de 1.300 detenidos, de los cuales 700 siguen en prisión.', '2022-06-13', 'es', null);
  assert.equal(whole.find((f) => f.value === 1300)?.scope, 'cumulative');
  assert.equal(figures('The rights group Foro Penal has verified 1,102 detentions.', '2024-08-06', 'en', null)[0]?.scope, 'cumulative');
  assert.equal(figures('There are 38 police officers being held hostage at the pumping station.', '2009-06-06', 'en', null).length, 0);
  // (gatherings are held too: no one is detained)
  assert.equal(figures('At least 12 vigils were held in Nairobi for the victims on Sunday.', '2024-06-30', 'en', null).length, 0);
  assert.equal(figures('Five funerals were held in Kisumu, where 30 people were held by police.', '2024-06-30', 'en', null).map((f) => f.value).join(), '30');
});

test('bodies counted, found or seen at one place are one finding; a span or a total keeps them running', () => {
  assert.equal(figures('Trece cadáveres yacen en una parada de autobús de la plaza central, según la agencia.', '2014-02-20', 'es', null)[0]?.scope, 'incident');
  assert.equal(figures('A witness saw two bodies on the main road after troops moved in.', '2010-05-19', 'en', null)[0]?.scope, 'incident');
  assert.equal(figures('Bomberos confirmó el hallazgo de cinco cuerpos calcinados en una bodega del norte de la ciudad.', '2019-10-20', 'es', null)[0]?.scope, 'incident');
  assert.equal(figures('Five bodies have been recovered from the city\'s waters since the end of June, the prosecutor said.', '2025-07-06', 'en', null)[0]?.scope, 'cumulative');
});

test('a court\'s sentence is no casualty: "sentenced 12 protesters to death", "12 were sentenced to prison"', () => {
  assert.equal(figures('A military court sentenced 14 protesters to death on Tuesday.', '2024-06-30', 'en', null).length, 0);
  assert.equal(figures('Un tribunal condenó a 14 manifestantes a la pena de muerte.', '2024-06-30', 'es', null).length, 0);
  // (a death sentence told after the count does not take the count's deaths)
  assert.deepEqual(figures('Security forces killed 30 protesters, and a court later sentenced two men to death.', '2024-06-30', 'en', null).map((f) => [f.kind, f.value]), [['deaths', 30]]);
  assert.deepEqual(figures('At least 40 people were killed, and 12 were sentenced to prison.', '2024-06-30', 'en', null).map((f) => [f.kind, f.value]), [['deaths', 40]]);
  assert.deepEqual(figures('Más de 300 personas resultaron heridas y 20 fueron imputadas.', '2024-06-30', 'es', null).map((f) => [f.kind, f.value]), [['injured', 300]]);
});

test('a casualty denied to everyone counts no one, and lends its word to no other count', () => {
  assert.equal(figures('No one was hurt in the march.', '2024-06-30', 'en', null).length, 0);
  assert.equal(figures('Police said 300 officers had been deployed and that nobody was injured.', '2024-06-30', 'en', null).length, 0);
  assert.equal(figures('Nadie resultó herido entre los 300 agentes desplegados.', '2024-06-30', 'es', null).length, 0);
  assert.deepEqual(figures('Ningún agente murió, pero 14 manifestantes resultaron heridos.', '2024-06-30', 'es', null).map((f) => [f.kind, f.value]), [['injured', 14]]);
});

test('a group\'s count takes no verb of another clause: "25 soldiers were sent to the town where two people died"', () => {
  assert.deepEqual(figures('The minister said 25 soldiers had been sent to the town where two people died.', '2024-06-30', 'en', null).map((f) => [f.kind, f.value]), [['deaths', 2]]);
  assert.deepEqual(figures('Llegaron 40 policías al barrio donde murieron tres jóvenes.', '2024-06-30', 'es', null).map((f) => [f.kind, f.value]), [['deaths', 3]]);
  // (a coordinated group shares the verb)
  assert.deepEqual(figures('Al menos 10 civiles y tres agentes resultaron heridos.', '2024-06-30', 'es', null).map((f) => [f.kind, f.value]), [['injured', 10], ['injured', 3]]);
});

test('the missing are no count of the dead, the injured or the detained, and lend no verb of another count', () => {
  assert.deepEqual(figures('The committee said 150 people were missing and 32 were confirmed dead.', '2024-06-30', 'en', null).map((f) => [f.kind, f.value]), [['deaths', 32]]);
  assert.deepEqual(figures('Al menos 20 personas siguen desaparecidas y 12 murieron.', '2024-06-30', 'es', null).map((f) => [f.kind, f.value]), [['deaths', 12]]);
});
