// Wholes and their parts, infobox rows, causes: constructions from reporting on other crises (sentences are our own).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { factsOf } from '../../src/facts/extract.ts';
import type { FactInput } from '../../src/facts/types.ts';
import { expectFigures, figures } from './figure-helpers.ts';
import { PERU } from './peru-story.ts';

const PUBLISHED = '2024-07-02';

test('infobox rows: label + value, several values, ranges, "+", "as of" and period ends', () => {
  const text = [
    'Casualties',
    'Death(s): 60+ (Rights Commission)[3]; 42 (Government, as of 26 September 2024)[4]',
    'Injuries: 610 (Rights Commission, 18 June – 20 November 2024)',
    'Arrested',
    '• As many as 1,376 (Rights Commission)',
    '• 600+–1,500 (estimates)',
    '',
    'The protests began in June after the finance bill was tabled in parliament.',
  ].join('\n');
  expectFigures(figures(text, PUBLISHED, 'en', null), [
    { kind: 'deaths', value: 60, qualifier: 'more_than', scope: 'cumulative', asOf: PUBLISHED, attribution: 'Rights Commission' },
    { kind: 'deaths', value: 42, qualifier: 'exact', scope: 'cumulative', asOf: '2024-09-26', attribution: 'Government' },
    { kind: 'injured', value: 610, qualifier: 'exact', scope: 'cumulative', asOf: '2024-11-20' },
    { kind: 'detained', value: 1376, qualifier: 'up_to', scope: 'cumulative' },
    { kind: 'detained', value: 600, qualifier: 'more_than', scope: 'cumulative' },
    { kind: 'detained', value: 1500, qualifier: 'up_to', scope: 'cumulative' },
  ]);
});

test('infobox: a group beside another group makes both parts; executions are a part of the toll', () => {
  const text = ['Deaths', '• 410 protesters, including 50 minors, killed, as well as 40 security force members (Monitor), as of 6 January 2023', 'Executed 4 (as of 7 January 2023)'].join('\n');
  expectFigures(figures(text, '2023-01-10', 'en', null), [
    { kind: 'deaths', value: 410, scope: 'subset', asOf: '2023-01-06' },
    { kind: 'deaths', value: 50, scope: 'subset' },
    { kind: 'deaths', value: 40, scope: 'subset' },
    { kind: 'deaths', value: 4, scope: 'subset', asOf: '2023-01-07' },
  ]);
});

test('infobox: one group alone that is not the protesters ("43 police officers") counts a part; protesters alone the toll', () => {
  const text = ['Casualties', 'Deaths: 6 protesters', 'Injuries: 43 police officers (National Police)', 'Arrests: 1,200'].join('\n');
  expectFigures(figures(text, '2023-12-02', 'en', null), [
    { kind: 'deaths', value: 6, scope: 'cumulative' },
    { kind: 'injured', value: 43, scope: 'subset' },
    { kind: 'detained', value: 1200, scope: 'cumulative' },
  ]);
});

test("infobox: a casualties section's rows by side ('Opposition: 238 killed; 9,900+ arrested') read each count by its word; a side's dead and injured are parts", () => {
  const text = [
    'Casualties and losses',
    'Opposition / protesters: 238 killed; 9,900+ arrested[4]',
    'Government: 19 killed; 1 policeman injured[7]',
    'Allied troops: No casualties reported',
    '',
    'Bajas',
    'Manifestantes: Entre 8 y 11 muertos[12]; 1507 heridos',
    '',
    'Parties: 40 groups joined the strike.',
  ].join('\n');
  expectFigures(figures(text, '2022-01-20', 'en', null), [
    { kind: 'deaths', value: 238, scope: 'subset' },
    // (arrests fall on the side the state arrests: all of them)
    { kind: 'detained', value: 9900, qualifier: 'more_than', scope: 'cumulative' },
    { kind: 'deaths', value: 19, scope: 'subset' },
    { kind: 'injured', value: 1, scope: 'subset' },
    { kind: 'deaths', value: 8, qualifier: 'at_least', scope: 'subset' },
    { kind: 'deaths', value: 11, qualifier: 'up_to', scope: 'subset' },
    { kind: 'injured', value: 1507, scope: 'subset' },
  ]);
});

test("infobox: a side's row with no heading above it ('Casualties (government side): 15 killed', 'Casualties2: …') is a part", () => {
  const text = [
    'Date: 2 March 2021 – 9 March 2021',
    'Casualties (government side): 15 killed (per the government)',
    'Casualties2: 60 killed; 300 injured',
    'Deaths: 75+ (per the government)',
  ].join('\n');
  expectFigures(figures(text, '2021-04-20', 'en', null), [
    { kind: 'deaths', value: 15, scope: 'subset' },
    { kind: 'deaths', value: 60, scope: 'subset' },
    { kind: 'injured', value: 300, scope: 'subset' },
    { kind: 'deaths', value: 75, qualifier: 'more_than', scope: 'cumulative' },
  ]);
});

test("infobox: one side's labelled counts on one line ('Casualties and losses (police): Deaths: 9 | Injured: 140'), and an 'Overall' row", () => {
  const text = [
    'Date: 3 – 21 May 2019',
    'Casualties and losses (demonstrators): Deaths: 41 | Injured: 600+ | Arrested: 212',
    'Casualties and losses (police): Deaths: 9 | Injured: 140',
    'Overall deaths: 50',
    'Overall injuries: 740+',
  ].join('\n');
  expectFigures(figures(text, '2019-06-10', 'en', null), [
    { kind: 'deaths', value: 41, scope: 'subset' },
    { kind: 'injured', value: 600, qualifier: 'more_than', scope: 'subset' },
    // (arrests fall on the side the state arrests: that side's count is all of them)
    { kind: 'detained', value: 212, scope: 'cumulative' },
    { kind: 'deaths', value: 9, scope: 'subset' },
    { kind: 'injured', value: 140, scope: 'subset' },
    { kind: 'deaths', value: 50, scope: 'cumulative' },
    { kind: 'injured', value: 740, qualifier: 'more_than', scope: 'cumulative' },
  ]);
});

test("infobox: who counted in the label's brackets, a dash breaking a count down by group, a one-day event's counts as its incident, prose restating a row", () => {
  const text = [
    'Date: 14 August 2013',
    'Casualties',
    'Deaths (National Council for Human Rights): 632 killed – 624 civilians, 8 police officers',
    'Deaths (Coalition of Families of the Missing and the Dead): 900 people',
    'Arrests: At least 800',
    '',
    'The council said 632 people were killed on 14 August, 624 of them civilians.',
  ].join('\n');
  expectFigures(figures(text, '2013-08-14', 'en', null), [
    { kind: 'deaths', value: 632, scope: 'incident', attribution: 'National Council for Human Rights' },
    { kind: 'deaths', value: 624, scope: 'subset' },
    { kind: 'deaths', value: 8, scope: 'subset' },
    { kind: 'deaths', value: 900, scope: 'incident', attribution: 'Coalition of Families of the Missing and the Dead' },
    { kind: 'detained', value: 800, qualifier: 'at_least', scope: 'incident' },
  ]);
  assert.equal(figures(text, '2013-08-14', 'en', null).length, 5, 'the prose restating the row adds nothing');
  // a span that opens on a day is no one-day event
  expectFigures(figures(['Date: since 28 July 2024', 'Casualties', 'Deaths: 14+', 'Arrested: 177'].join('\n'), '2024-08-02', 'en', null), [
    { kind: 'deaths', value: 14, qualifier: 'more_than', scope: 'cumulative' },
    { kind: 'detained', value: 177, scope: 'cumulative' },
  ]);
  // …nor is a one-day page whose counts name a later day of their own
  expectFigures(figures(['Date: 10 November 2019', 'Casualties and losses', 'Dead: 33 (26 November 2019)'].join('\n'), '2019-11-30', 'en', null), [
    { kind: 'deaths', value: 33, scope: 'cumulative', asOf: '2019-11-26' },
  ]);
});

test('parts listed after a whole in the next sentence take its kind and date', () => {
  const text = 'The ministry said 45 people have died in the protests. Of those deaths, 20 were linked to the marches, 16 had no connection to them and nine are still under review.';
  expectFigures(figures(text, PUBLISHED, 'en', null), [
    { kind: 'deaths', value: 45, scope: 'cumulative', asOf: PUBLISHED },
    { kind: 'deaths', value: 20, scope: 'subset', asOf: PUBLISHED },
    { kind: 'deaths', value: 16, scope: 'subset', asOf: PUBLISHED },
    { kind: 'deaths', value: 9, scope: 'subset', asOf: PUBLISHED },
  ]);
});

test('Spanish: "de las cuales", "De esas víctimas," and a list by place are parts', () => {
  expectFigures(figures('La Defensoría elevó a 25 el número de muertos en las protestas, de las cuales 23 son civiles.', '2021-05-04', 'es', null), [
    { kind: 'deaths', value: 25, scope: 'cumulative' },
    { kind: 'deaths', value: 23, scope: 'subset' },
  ]);
  expectFigures(figures('El departamento acumula 140 asesinatos: 118 en la capital, 14 en Tipitapa y 8 en Masaya.', '2018-06-25', 'es', null), [
    { kind: 'deaths', value: 140 },
    { kind: 'deaths', value: 118, scope: 'subset' },
    { kind: 'deaths', value: 14, scope: 'subset' },
    { kind: 'deaths', value: 8, scope: 'subset' },
  ]);
});

test('a part held by a place: "Kisumu had two", "followed by Eldoret with four"', () => {
  const text = 'Forty people have died in two weeks of protests, the commission said. Nairobi accounted for 18 of the deaths, followed by Eldoret with four. Kisumu had two.';
  expectFigures(figures(text, PUBLISHED, 'en', null), [
    { kind: 'deaths', value: 40, scope: 'cumulative' },
    { kind: 'deaths', value: 18, scope: 'subset' },
    { kind: 'deaths', value: 4, scope: 'subset' },
    { kind: 'deaths', value: 2, scope: 'subset' },
  ]);
});

test('a cause restricts a count to a part, unless a day makes it an incident', () => {
  expectFigures(figures('Of those, the monitor counted 21 deaths caused by police gunfire.', PUBLISHED, 'en', null), [
    { kind: 'deaths', value: 21, scope: 'subset' },
  ]);
  expectFigures(figures('Two protesters died from gunshot wounds on June 25 in Nairobi.', PUBLISHED, 'en', null), [
    { kind: 'deaths', value: 2, scope: 'incident', asOf: '2024-06-25' },
  ]);
});

test('Spanish cleft and copular counts are tolls: "Son 31 las personas que fallecieron", "los heridos son 40"', () => {
  expectFigures(figures('Son 31 las personas que han fallecido en las protestas, según la Defensoría.', '2021-05-10', 'es', null), [
    { kind: 'deaths', value: 31, scope: 'cumulative' },
  ]);
  expectFigures(figures('Según el último parte, los heridos atendidos en hospitales son 40.', '2021-05-10', 'es', null), [
    { kind: 'injured', value: 40, scope: 'cumulative' },
  ]);
  expectFigures(figures('The dead number 12, not five, the group said.', '2024-06-26', 'en', null), [
    { kind: 'deaths', value: 12, scope: 'cumulative' },
  ]);
});

test('a headline restated in the body is one mention, the body\'s', () => {
  const text = 'Marcha termina en tragedia: 9 muertos y 80 heridos\n\nNueve personas murieron y 80 resultaron heridas el miércoles en Managua, según el Ministerio de Salud.';
  const got = figures(text, '2018-05-31', 'es', null);
  expectFigures(got, [
    { kind: 'deaths', value: 9, scope: 'incident', asOf: '2018-05-30' },
    { kind: 'injured', value: 80, scope: 'incident', asOf: '2018-05-30' },
  ]);
});

test('a count restated under another noun ("the 120 suspects", "Of the 120 suspects") is the whole of the parts that follow', () => {
  const text = 'Police have so far arrested 120 people over the looting, a spokesman said on Friday. Broken down by district, the 120 suspects comprise 80 from the capital district, 30 from the port district and 10 from the hill district. Of the 120 suspects, 45 have been remanded.';
  expectFigures(figures(text, '2023-03-10', 'en', null), [
    { kind: 'detained', value: 120, scope: 'cumulative', asOf: '2023-03-10' },
    { kind: 'detained', value: 80, scope: 'subset', asOf: '2023-03-10' },
    { kind: 'detained', value: 30, scope: 'subset', asOf: '2023-03-10' },
    { kind: 'detained', value: 10, scope: 'subset', asOf: '2023-03-10' },
    { kind: 'detained', value: 45, scope: 'subset', asOf: '2023-03-10' },
  ]);
});

test('asides between a count and its verb: a hedge, a list of groups, a list of counts (its parts), "all of them"', () => {
  expectFigures(figures('Cuatro personas, como mínimo, murieron baleadas este martes en el puerto.', '2023-03-08', 'es', null), [
    { kind: 'deaths', value: 4, qualifier: 'at_least', scope: 'incident', asOf: '2023-03-07' },
  ]);
  expectFigures(figures('More than 90 people, among them students, nurses and two reporters, were injured on Monday.', '2023-03-08', 'en', null), [
    { kind: 'injured', value: 90, qualifier: 'more_than', scope: 'incident' },
    { kind: 'injured', value: 2, scope: 'subset' },
  ]);
  expectFigures(figures('Twenty people, among them six soldiers, four medics and a priest, were hurt.', '2023-03-08', 'en', null), [
    { kind: 'injured', value: 20 },
    { kind: 'injured', value: 6, scope: 'subset' },
    { kind: 'injured', value: 4, scope: 'subset' },
  ]);
  expectFigures(figures('Officials said eleven people - all of them miners - had been killed.', '2023-03-08', 'en', null), [{ kind: 'deaths', value: 11 }]);
  expectFigures(figures('Son 12 los fallecidos. De los fallecidos, diez ya fueron identificados.', '2023-03-08', 'es', null), [
    { kind: 'deaths', value: 12, scope: 'cumulative' },
    { kind: 'deaths', value: 10, scope: 'subset' },
  ]);
});

test('a whole restated at the head of a sentence ("De las 900 personas heridas, …") is the whole of the next sentence\'s list too', () => {
  const text = 'El instituto registra 900 personas heridas. El informe se elaboró con datos propios. Los datos se recogieron en hospitales. '
    + 'De las 900 personas heridas, 500 sufrieron lesiones por disparos. El desglose es claro: 300 fueron alcanzadas por perdigones, 150 por balines y 50 por balas.';
  expectFigures(figures(text, '2020-02-10', 'es', null), [
    { kind: 'injured', value: 900, scope: 'cumulative' },
    { kind: 'injured', value: 500, scope: 'subset' },
    { kind: 'injured', value: 300, scope: 'subset' },
    { kind: 'injured', value: 150, scope: 'subset' },
    { kind: 'injured', value: 50, scope: 'subset' },
  ]);
});

test('a breakdown in brackets or dashes right after a count, a comma for a left-out verb, "De esa cifra," all make parts', () => {
  expectFigures(figures('La Fiscalía dijo que los heridos suman 640 en total (590 civiles y 50 policías).', '2017-05-10', 'es', null), [
    { kind: 'injured', value: 640, scope: 'cumulative' },
    { kind: 'injured', value: 590, scope: 'subset' },
    { kind: 'injured', value: 50, scope: 'subset' },
  ]);
  expectFigures(figures('The ministry counted 640 injured in all —590 civilians and 50 police officers— by Tuesday.', '2017-05-10', 'en', null), [
    { kind: 'injured', value: 640 },
    { kind: 'injured', value: 590, scope: 'subset' },
    { kind: 'injured', value: 50, scope: 'subset' },
  ]);
  expectFigures(figures('Son 40 los fallecidos; de ellos, 36 son civiles y cuatro, agentes de la policía.', '2017-05-10', 'es', null), [
    { kind: 'deaths', value: 40, scope: 'cumulative' },
    { kind: 'deaths', value: 36, scope: 'subset' },
    { kind: 'deaths', value: 4, scope: 'subset' },
  ]);
  expectFigures(figures('Hay 640 heridos. De esa cifra, según el fiscal, 300 resultaron heridos por disparos de la policía.', '2017-05-10', 'es', null), [
    { kind: 'injured', value: 640, scope: 'cumulative' },
    { kind: 'injured', value: 300, scope: 'subset' },
  ]);
  // A place's count in brackets stays the whole's breakdown by region, not a figure of its own.
  expectFigures(figures('The deaths occurred in Cusco (9), Puno (6) and Lima (3).', '2017-05-10', 'en', null), []);
});

test('infobox layouts: a pipe or tab between label and value, a qualifier line under a bare label, labels with a noun around them or a group in brackets', () => {
  const rows = (text: string) => figures(text, '2020-01-10', 'en', null).map((f) => `${f.kind} ${f.qualifier} ${f.value} ${f.scope}`).sort();
  assert.deepEqual(rows('Casualties\nDeaths | 44\nInjuries\t300+\nArrested | 1,200'), ['deaths exact 44 cumulative', 'detained exact 1200 cumulative', 'injured more_than 300 cumulative']);
  assert.deepEqual(rows('Deaths\nAt least 44 (Ombudsman)\nInjuries\nMore than 300'), ['deaths at_least 44 cumulative', 'injured more_than 300 cumulative']);
  assert.deepEqual(rows('Injured people: 300\nNumber of deaths: 44\nDetenidos: +1.200'), ['deaths exact 44 cumulative', 'detained more_than 1200 cumulative', 'injured exact 300 cumulative']);
  assert.deepEqual(rows('Deaths (protesters): 44\nDeaths (security forces): 3'), ['deaths exact 3 subset', 'deaths exact 44 subset']);
  assert.deepEqual(rows('Death(s)\n• 44 protesters\n• 3 police officers'), ['deaths exact 3 subset', 'deaths exact 44 subset']);
  assert.deepEqual(rows('Deaths: ~44'), ['deaths approximately 44 cumulative']);
});

test('who the victims were, named before the verb, in a toll noun or carried to a bare coordinated count, makes parts', () => {
  expectFigures(figures('Al menos 12 miembros de las fuerzas de seguridad del país han perdido la vida y 300 han resultado heridos, según el ministerio.', '2022-01-06', 'es', null), [
    { kind: 'deaths', value: 12, qualifier: 'at_least', scope: 'subset' },
    { kind: 'injured', value: 300, scope: 'subset' },
  ]);
  expectFigures(figures('El parte anterior cifraba en nueve los uniformados muertos y en 200 los heridos.', '2022-01-06', 'es', null), [
    { kind: 'deaths', value: 9, scope: 'subset' },
    { kind: 'injured', value: 200, scope: 'subset' },
  ]);
  expectFigures(figures('El ministerio sube a 15 el número de policías fallecidos en los disturbios.', '2022-01-06', 'es', null), [{ kind: 'deaths', value: 15, scope: 'subset' }]);
  // a count with a group of its own keeps its own reading; a verb right before a count is its own
  expectFigures(figures('Desde octubre han muerto 120 personas y 3.000 han sido detenidas, según la plataforma.', '2024-12-27', 'es', null), [
    { kind: 'deaths', value: 120, scope: 'cumulative' },
    { kind: 'detained', value: 3000, scope: 'cumulative' },
  ]);
});

test('"respectively" after a list of regions, a sentence opening on a group, and a month told of the event are read as such', () => {
  expectFigures(figures('Les siguen las provincias de Norte, Sur y Este, con 21, 10 y 8 fallecidos, respectivamente.', '2022-01-09', 'es', null), [
    { kind: 'deaths', value: 10, scope: 'subset' },
    { kind: 'deaths', value: 8, scope: 'subset' },
  ]);
  expectFigures(figures('Entre los agentes del orden, las bajas ascienden a 16 muertos y a más de 900 heridos, según el ministerio.', '2022-01-09', 'es', null), [
    { kind: 'deaths', value: 16, scope: 'subset' },
    { kind: 'injured', value: 900, scope: 'subset' },
  ]);
  // the month in the relative clause of the unrest, and the day the data were given, are not the count's day
  expectFigures(figures('Un total de 150 personas han perdido la vida en los disturbios que sacudieron el país a comienzos de enero, según los datos facilitados este domingo.', '2022-01-09', 'es', null), [
    { kind: 'deaths', value: 150, scope: 'cumulative', asOf: '2022-01-09' },
  ]);
});

test('vocabulary: "the arrest of", "se han cobrado … vidas", "suffered gunshot wounds", "left N others with gunshot wounds", a cleft naming a group', () => {
  const read = (text: string) => figures(text, '2024-10-31', undefined, null).map((f) => `${f.kind} ${f.qualifier} ${f.value} ${f.scope}`);
  assert.deepEqual(read('Rights groups condemned the arrest of nine minors accused of looting.'), ['detained exact 9 subset']);
  assert.deepEqual(read('Los disturbios se han cobrado ya más de un centenar de vidas.'), ['deaths more_than 100 cumulative']);
  assert.deepEqual(read('Police shot dead at least 10 people and left 63 others with gunshot wounds.').sort(), ['deaths at_least 10 incident', 'injured exact 63 subset']);
  assert.deepEqual(read('Son diez los médicos que han resultado heridos durante las protestas.'), ['injured exact 10 subset']);
});

test('a share in brackets beside a part ("17 (4.2%) were police officers") does not hide it', () => {
  expectFigures(figures('The platform counted 400 dead. Of the 400 dead, 17 (4.2%) were police officers and 20 (5%) were children.', '2025-10-21', 'en', null), [
    { kind: 'deaths', value: 400, scope: 'cumulative' },
    { kind: 'deaths', value: 17, scope: 'subset' },
    { kind: 'deaths', value: 20, scope: 'subset' },
  ]);
});

test("an encyclopedia page's infobox counts are as of the end of the span its Date row closes (or its one day), not of a later day its prose names nor of the day the page was saved", () => {
  const doc = (date: string, published: string | null = null): FactInput => ({
    title: '2023 Peruvian protests',
    text: [`Date: ${date}`, 'Location: Peru', 'Casualties', 'Deaths: 49', 'Injuries: 1,200+', '', 'Protests against Boluarte resumed briefly on 20 July 2024, a year and a half later.'].join('\n'),
    published,
    language: 'en',
  });
  const asOf = (d: FactInput) => factsOf(d, [PERU]).figures.map((f) => `${f.kind} ${f.asOf}`);
  assert.deepEqual(asOf(doc('7 December 2022 – 12 March 2023 (95 days); July 2024 (sporadic)')), ['deaths 2023-03-12', 'injured 2023-03-12']);
  assert.deepEqual(asOf(doc('7–31 December 2022')), ['deaths 2022-12-31', 'injured 2022-12-31']);
  // an open span closes nothing: the latest day the page names, as for any undated page
  assert.deepEqual(asOf(doc('7 December 2022 – present')), ['deaths 2024-07-20', 'injured 2024-07-20']);
  // …nor does a span's opening alone ("since 20 December 2022" is no one-day event)
  assert.deepEqual(asOf(doc('since 20 December 2022')), ['deaths 2024-07-20', 'injured 2024-07-20']);
  // one whole day is a one-day event's span (a massacre's page); a month alone is no span
  assert.deepEqual(asOf(doc('9 January 2023')), ['deaths 2023-01-09', 'injured 2023-01-09']);
  assert.deepEqual(asOf(doc('January 2023')), ['deaths 2024-07-20', 'injured 2024-07-20']);
  // a page saved long after its span closed still counts the span: the box's end is an explicit period end
  assert.deepEqual(asOf(doc('7 December 2022 – 12 March 2023', '2024-01-15')), ['deaths 2023-03-12', 'injured 2023-03-12']);
  // …unless the page was saved before that end (its counts are as of the saving), or a counted row names a later day
  assert.deepEqual(asOf(doc('7 December 2022 – 12 March 2023', '2023-02-01')), ['deaths 2023-02-01', 'injured 2023-02-01']);
  const countedLater: FactInput = {
    title: '2023 Peruvian protests',
    text: ['Date: 7 December 2022 – 12 March 2023', 'Location: Peru', 'Casualties', 'Deaths: 49 (as of 20 May 2023)', '', 'The unrest faded in March.'].join('\n'),
    published: '2024-01-15',
    language: 'en',
  };
  assert.deepEqual(factsOf(countedLater, [PERU]).figures.map((f) => `${f.kind} ${f.asOf}`), ['deaths 2023-05-20']);
});

test('who some of the counted were, in an aside after the count ("two policemen among them"), is a part and keeps the whole', () => {
  expectFigures(figures('The group said at least 18 people, three soldiers among them, have been killed since the protests began.', '2024-03-04', 'en', null), [
    { kind: 'deaths', value: 18, qualifier: 'at_least', scope: 'cumulative' },
    { kind: 'deaths', value: 3, scope: 'subset' },
  ]);
});

test('list items sharing a verb share the day of the item before them, even one dated only by the document\'s main incident', () => {
  // (the list's first item has no date of its own: it takes the report's incident day at the end, and so must its mates)
  const got = figures('A report published on Wednesday shows that at least 148 people were killed on January 9 in Juliaca. '
    + 'Of the 148 dead, 54 were shot in the head. The report gives no figure for the army. Its authors spoke to families for months. '
    + 'Seven people were killed in Ilave, four in Puno and two in Ayaviri.', '2023-03-01');
  for (const value of [4, 2]) assert.equal(got.find((f) => f.value === value)?.asOf, '2023-01-09', `${value}`);
});

test("a wire's capitals dateline ('CITY. Month day (Agency) -') is not the lead count's date", () => {
  expectFigures(figures('JULIACA. January 12 (Wire) - The unrest that swept southern Peru in December 2022 claimed the lives of 28 people, the Ombudsman said on Thursday.', '2023-01-12T15:30:00Z'), [
    { kind: 'deaths', value: 28, scope: 'cumulative', asOf: '2022-12-31' },
  ]);
});

test('an earlier value ("up from 19 two days ago") is not the whole of the parts that follow: they take the current count\'s day', () => {
  const got = figures('The Ombudsman put the number of dead at 31 nationwide on Thursday, up from 22 three days ago. '
    + 'Of those deaths, 14 have no known perpetrator and nine have been attributed to the police.', '2023-01-12T15:30:00Z');
  for (const value of [14, 9]) {
    const part = got.find((f) => f.value === value);
    assert.equal(part?.scope, 'subset', `${value}`);
    assert.equal(part?.asOf, '2023-01-12', `${value}`);
  }
});

test('a list of parts runs on into the next sentence with its kind: "… followed by Puno with four. Cusco had two."', () => {
  const got = figures('The commission said 361 people had been injured. Juliaca accounted for 17 of the deaths, followed by Puno with four. Cusco had two.', '2023-01-12', 'en', PERU);
  assert.equal(got.find((f) => f.value === 2)?.kind, 'deaths', got.map((f) => `${f.kind} ${f.value}`).join(', '));
});

test('the next items of a list of parts, each a name and its count with the verb left out, count what the first counts', () => {
  // (our own sentences, in the form of a Nepali hospital count)
  const got = figures('At least 200 wounded protesters were being treated in hospitals. Bir Hospital had 80 of them, Civil Hospital 60, the Trauma Centre 40 and Patan Hospital 20.', '2025-09-08', 'en', null);
  assert.deepEqual(got.map((f) => `${f.kind} ${f.value} ${f.scope}`), ['injured 200 cumulative', 'injured 80 subset', 'injured 60 subset', 'injured 40 subset', 'injured 20 subset']);
  // (a name and a number after a count that is no part are no item: "Route 66")
  assert.deepEqual(figures('Police arrested 30 people near Route 66.', '2025-09-08', 'en', null).map((f) => f.value), [30]);
});

test('one count told for each of several places is a figure per place', () => {
  const en = figures('Police said 60 people were arrested: 20 in Juliaca, with eight each in Ilave and Juli, while Puno and Cusco recorded three each.', '2023-01-12');
  assert.deepEqual(en.filter((f) => f.value === 8 || f.value === 3).map((f) => [f.value, f.kind, f.scope, f.location]), [
    [8, 'detained', 'subset', 'Ilave'], [8, 'detained', 'subset', 'Juli'], [3, 'detained', 'subset', 'Puno'], [3, 'detained', 'subset', 'Cusco'],
  ]);
  const es = figures('La Defensoría contabiliza 40 detenidos; en Puno y en Cusco hubo seis en cada caso.', '2023-01-12', 'es');
  assert.deepEqual(es.filter((f) => f.value === 6).map((f) => [f.kind, f.location]), [['detained', 'Puno'], ['detained', 'Cusco']]);
  const comma = figures('La Defensoría contabiliza 400 detenidos. Le siguen Puno y Cusco, con 96 detenciones cada una.', '2023-01-12', 'es');
  assert.deepEqual(comma.filter((f) => f.value === 96).map((f) => [f.kind, f.scope, f.location]), [['detained', 'subset', 'Puno'], ['detained', 'subset', 'Cusco']]);
  const before = figures('Ilave, Juli and Ayaviri each recorded one death, the ombudsman said.', '2023-01-12');
  assert.deepEqual(before.map((f) => [f.value, f.location]), [[1, 'Ilave'], [1, 'Juli'], [1, 'Ayaviri']]);
  // places that are buildings, "at" them (our own sentence, in the form of a Nepali hospital count)
  const at = figures('Officials said 12 of the dead were in the capital: five at the Trauma Centre and three each at Bir Hospital and Civil Hospital.', '2025-09-08', 'en', null);
  assert.deepEqual(at.filter((f) => f.value === 3).map((f) => [f.kind, f.scope, f.location]), [['deaths', 'subset', 'Bir Hospital'], ['deaths', 'subset', 'Civil Hospital']]);
});

test('a partitive that names its kind opens a part even when its whole was told paragraphs back', () => {
  const text = 'La represión del 15 de enero dejó 40 heridos en Juliaca, según la Defensoría.\n\n' +
    'El Gobierno negó entonces que la policía hubiera usado armas de fuego y culpó a los manifestantes.\n\n' +
    'Los familiares de las víctimas exigen desde entonces una investigación independiente.\n\n' +
    'De los heridos, 12 lo fueron por perdigones, según el informe forense.';
  const got = figures(text, '2023-03-01', 'es').filter((f) => f.value === 12);
  assert.deepEqual(got.map((f) => [f.kind, f.scope]), [['injured', 'subset']]);
});

test('a group told beside a count ("along with eight police officers", "; entre ellos, dos menores") is its part; another kind of case is not', () => {
  const along = figures('Security forces killed 40 protesters in Juliaca on Monday, along with eight police officers.', '2023-01-12');
  assert.deepEqual(along.map((f) => [f.kind, f.value, f.scope]), [['deaths', 40, 'incident'], ['deaths', 8, 'subset']]);
  const among = figures('Según el ministerio, 64 personas murieron en las protestas; entre ellos, dos menores de edad.', '2023-01-12', 'es');
  assert.deepEqual(among.map((f) => [f.kind, f.value, f.scope]), [['deaths', 64, 'cumulative'], ['deaths', 2, 'subset']]);
  const other = figures('La ONG cuenta 40 víctimas de violencia homicida, además de 12 casos de violencia sexual.', '2023-01-12', 'es');
  assert.ok(!other.some((f) => f.value === 12), JSON.stringify(other));
});

test('a ranking by place ("la región con más detenciones es Puno, con 120 arrestos; le siguen …, con 45") makes each count a part', () => {
  const got = figures('La Defensoría registra 250 detenidos en todo el país. La región con más detenciones es Puno, con 120 arrestos; le siguen ' +
    'Cusco (cuya capital lleva el mismo nombre), con 45, y Ayacucho, con 30.', '2023-01-20', 'es');
  assert.deepEqual(got.map((f) => [f.kind, f.value, f.scope]), [['detained', 250, 'cumulative'], ['detained', 120, 'subset'], ['detained', 45, 'subset'], ['detained', 30, 'subset']]);
});

test('a place\'s share told with "con" counts the kind its sentence names, not the kind of the part before it', () => {
  const got = figures('Hay 300 heridos y 90 detenidos. De los detenidos, 60 quedaron libres. En cuanto a los heridos, la mayor parte fue ' +
    'atendida en Lima, seguida de Cusco, con 40, y de Puno, con 25.', '2023-01-20', 'es').filter((f) => f.value === 40 || f.value === 25);
  assert.deepEqual(got.map((f) => [f.kind, f.value, f.scope]), [['injured', 40, 'subset'], ['injured', 25, 'subset']]);
});

test('a breakdown continued from the sentences before ("Les siguen Ayacucho (40), …") counts out the whole it fits', () => {
  const got = figures('La Defensoría contabiliza 400 detenciones desde diciembre. Su jefe dijo que 150 de esas personas siguen presas.\n\n' +
    'La mayor parte se concentra en Puno, con 90, y en Cusco, con 70. Les siguen Ayacucho (40), Apurímac (30), Junín (25) y Arequipa (20).',
  '2023-01-20', 'es').filter((f) => f.value <= 40);
  assert.deepEqual(got.map((f) => [f.kind, f.value, f.scope, f.asOf]), [40, 30, 25, 20].map((v) => ['detained', v, 'subset', '2023-01-20']));
});

test('every item of a list of parts follows the day its whole takes, not only the first ("…los 18 fallecidos, diez en Juliaca, cuatro en Puno…")', () => {
  const text = 'A dos años de la represión, las familias siguen esperando justicia. De acuerdo con los datos que se conocen sobre los 18 ' +
    'fallecidos, diez murieron en Juliaca, cuatro en Puno, dos en Ilave y dos en Cusco.\n\nEl 9 de enero de 2023 murieron tres personas en Ilave.';
  const got = figures(text, '2025-01-09', 'es').filter((f) => f.value !== 3);
  assert.deepEqual(got.map((f) => [f.value, f.asOf]), [[18, '2023-01-09'], [10, '2023-01-09'], [4, '2023-01-09'], [2, '2023-01-09'], [2, '2023-01-09']]);
});

test('a count of decades or years before "de los asesinatos" is no count of the dead', () => {
  const got = figures('Este 9 de enero se cumplen dos décadas de los asesinatos de Juliaca; it has been two decades of the killings.', '2043-01-09', 'es');
  assert.deepEqual(got.map((f) => f.value), []);
});

test('an infobox row dating its casualty data ("Casualties data: 20 January 2023, per …") dates every count that names no day of its own', () => {
  const text = ['2022–2023 Peruvian protests', 'Date: 7 December 2022 – present', 'Casualties', 'Deaths: 60 – 70', 'Injuries: 1,300+',
    'Arrests: 600 (as of 15 January 2023)', 'Casualties data: 20 January 2023, per the Ombudsman', '', 'The protests continued in March 2024.'].join('\n');
  const got = factsOf({ title: null, text, published: '2024-06-01', language: 'en' }, [PERU]).figures;
  assert.deepEqual(got.map((f) => [f.kind, f.value, f.asOf]), [['deaths', 60, '2023-01-20'], ['deaths', 70, '2023-01-20'], ['injured', 1300, '2023-01-20'], ['detained', 600, '2023-01-15']]);
});

test('"del total de fallecidos" opens a list of parts even with no comma before its first count', () => {
  const got = figures('Un total de 50 personas han muerto. Según el informe, del total de fallecidos 41 son civiles y nueve son policías.', '2023-02-01', 'es');
  assert.deepEqual(got.map((f) => [f.kind, f.value, f.scope]), [['deaths', 50, 'cumulative'], ['deaths', 41, 'subset'], ['deaths', 9, 'subset']]);
});

test('a sentence opening on "the total" reaches back past a smaller count of one day to the total it breaks down', () => {
  const es = figures('La Defensoría registra 48 muertos en seis semanas de protestas. Según el organismo, 17 personas murieron el lunes en Juliaca. ' +
    'Fue la jornada más violenta desde diciembre. Del total, 40 son comuneros, cinco menores de edad y tres policías.', '2023-01-20', 'es');
  assert.deepEqual(es.filter((f) => f.value !== 17).map((f) => [f.kind, f.value, f.scope, f.asOf]),
    [['deaths', 48, 'cumulative', '2023-01-20'], ['deaths', 40, 'subset', '2023-01-20'], ['deaths', 5, 'subset', '2023-01-20'], ['deaths', 3, 'subset', '2023-01-20']]);
  const en = figures('Rights monitors counted 210 arrests over the month. Police detained 35 people in Cusco on Friday. ' +
    'Of those, 150 remain in custody.', '2023-02-01', 'en');
  assert.deepEqual(en.filter((f) => f.value === 150).map((f) => [f.kind, f.scope]), [['detained', 'subset']], '"Of those" after a smaller count');
  // "Of those" after a sentence that counts no one points at that sentence's people: no count from further back
  const none = figures('Officials counted 210 arrests over the month. Thousands marched again on Saturday. Of those, 150 were students.', '2023-02-01', 'en');
  assert.deepEqual(none.filter((f) => f.value === 150), []);
});

test('a whole that "comprises" its parts ("comprise 347 men and 73 women", "se dividen en 100 hombres y 20 mujeres")', () => {
  // own sentences, after AP on the arrests of Hong Kong's 2019 protests (tests/fixtures/news/hongkong-2019, dev part)
  expectFigures(figures('Police said the 420 people arrested since June 9 comprise 347 men and 73 women, a spokeswoman told a briefing on Monday.', '2019-07-08', 'en', null), [
    { kind: 'detained', value: 420, scope: 'cumulative' },
    { kind: 'detained', value: 347, scope: 'subset' },
    { kind: 'detained', value: 73, scope: 'subset' },
  ]);
  expectFigures(figures('Los 120 detenidos se dividen en 100 hombres y 20 mujeres, según la Fiscalía.', '2019-07-08', 'es', null), [
    { kind: 'detained', value: 120 },
    { kind: 'detained', value: 100, scope: 'subset' },
    { kind: 'detained', value: 20, scope: 'subset' },
  ]);
});

test('counts in brackets after a place that name their own kind ("Alejandría (25 fallecidos y 171 heridos)") keep it and are that place\'s', () => {
  // own sentence, after EFE on 17 August 2013 (tests/fixtures/news/egypt-2013, dev part)
  expectFigures(figures('El Cairo sumó 95 muertos y 596 heridos, seguida de Alejandría (25 fallecidos y 171 heridos) y de Suez (14 muertos y 62 heridos).', '2013-08-17', 'es', null), [
    { kind: 'deaths', value: 95 },
    { kind: 'injured', value: 596 },
    { kind: 'deaths', value: 25, scope: 'subset', location: 'Alejandría' },
    { kind: 'injured', value: 171, scope: 'subset', location: 'Alejandría' },
    { kind: 'deaths', value: 14, scope: 'subset', location: 'Suez' },
    { kind: 'injured', value: 62, scope: 'subset', location: 'Suez' },
  ]);
  // (a bare count in brackets is still a breakdown entry of the count before it)
  expectFigures(figures('Los lesionados suman 1.000 en total (771 civiles y 229 policías).', '2013-08-17', 'es', null), [
    { kind: 'injured', value: 1000, scope: 'cumulative' },
    { kind: 'injured', value: 771, scope: 'subset' },
    { kind: 'injured', value: 229, scope: 'subset' },
  ]);
});

test('a list right after a whole whose counts add up to it counts its parts; an age does not', () => {
  expectFigures(figures('Murieron 16 personas, 15 hombres y una mujer, según la morgue.', '2023-01-12', 'es', null), [
    { kind: 'deaths', value: 16 },
    { kind: 'deaths', value: 15, scope: 'subset' },
  ]);
  expectFigures(figures('"Es lamentable que los disturbios se hayan cobrado 45 vidas, entre ellas 39 hombres y seis mujeres de entre 25 y 40 años", dijo el portavoz.', '2023-01-12', 'es', null), [
    { kind: 'deaths', value: 45 },
    { kind: 'deaths', value: 39, scope: 'subset' },
    { kind: 'deaths', value: 6, scope: 'subset' },
  ]);
  // (an age is no item: "un niño de 13 años" and the 1 of its article do not add up to 14)
  expectFigures(figures('La diputada lamentó que la jornada deje 14 asesinados, entre ellos un niño de 13 años.', '2023-01-12', 'es', null), [
    { kind: 'deaths', value: 14 },
  ]);
});

test('a count hedged in the lead and told again bare in a quote is one figure; a wire dateline in title case names no place', () => {
  const text = 'Lima, 23 ene (EFE).- La Policía confirmó este lunes al menos 45 muertos en las protestas.\n\n'
    + '"Es lamentable que los disturbios se hayan cobrado 45 vidas", dijo el portavoz en una rueda de prensa en Juliaca.';
  expectFigures(figures(text, '2023-01-23', 'es'), [
    { kind: 'deaths', value: 45, qualifier: 'at_least', scope: 'cumulative', location: null },
  ]);
});

test('a dateline on a line of its own ("Juliaca, 12 dic 2022 (AFP)") gives no place to the counts after it', () => {
  const text = 'Dos muertos en nuevas protestas\n\nJuliaca, 12 dic 2022 (AFP)\n\nAl menos dos personas murieron este lunes en enfrentamientos con la policía en el sur del país.';
  expectFigures(figures(text, '2022-12-12', 'es'), [
    { kind: 'deaths', value: 2, scope: 'incident', location: null },
  ]);
});

test('what became of some of the detained (freed, bailed, tried, missing) is no count of detentions', () => {
  expectFigures(figures('La policía detuvo a 500 personas, de las cuales 120 ya han sido excarceladas y 32 quedaron en libertad bajo fianza.', '2023-01-12', 'es'), [
    { kind: 'detained', value: 500 },
  ]);
  expectFigures(figures('Hay 104 detenidos, de los cuales 80 serán presentados este viernes ante los tribunales.', '2023-01-12', 'es'), [
    { kind: 'detained', value: 104 },
  ]);
  expectFigures(figures('Investigators found that 943 people were arrested and 12 have still not been accounted for.', '2023-01-12', 'en'), [
    { kind: 'detained', value: 943 },
  ]);
  // (arrested and then charged: still the arrests)
  expectFigures(figures('Police said 1,200 people were arrested and charged.', '2023-01-12', 'en'), [
    { kind: 'detained', value: 1200 },
  ]);
});

test('a count in a dashed aside that opens with "entre ellos" is a part of the count before it', () => {
  expectFigures(figures('Cinco personas —entre ellas dos menores— murieron en los disturbios.', '2023-01-12', 'es', null), [
    { kind: 'deaths', value: 5 },
    { kind: 'deaths', value: 2, scope: 'subset' },
  ]);
  const text = 'Un total de 164 personas han perdido la vida en los disturbios. De los 164 fallecidos, 103 —entre ellos, dos menores de edad— corresponden a la capital.';
  expectFigures(figures(text, '2023-01-12', 'es', null), [
    { kind: 'deaths', value: 164, scope: 'cumulative' },
    { kind: 'deaths', value: 103, scope: 'subset' },
    { kind: 'deaths', value: 2, scope: 'subset' },
  ]);
});

test('a breakdown by place whose counts are words ("Damak Hospital (seven), Bir Hospital (six)") lists parts as digits do', () => {
  expectFigures(figures('At least 52 people were injured across the country, most of them treated at Damak Hospital (seven), Bir Hospital (six) and Patan Hospital (four).', '2025-09-08', 'en', null), [
    { kind: 'injured', value: 52, scope: 'cumulative' },
    { kind: 'injured', value: 7, scope: 'subset', location: 'Damak Hospital' },
    { kind: 'injured', value: 6, scope: 'subset', location: 'Bir Hospital' },
    { kind: 'injured', value: 4, scope: 'subset', location: 'Patan Hospital' },
  ]);
  // a bracket that is no count names no part
  expectFigures(figures('At least 52 people were injured in Kathmandu (AFP) and Pokhara (Reuters), officials said.', '2025-09-08', 'en', null).filter((f) => f.value !== 52), []);
});

test("infobox: a value listing groups ('Deaths: 187 protesters, 44 police officers, 2 journalists') is parts, never the toll; 'including' keeps its whole", () => {
  expectFigures(figures(['Date: 7 February 2019 – present', 'Deaths: 187 protesters, 44 police officers, 2 journalists'].join('\n'), '2023-06-30', 'en', null), [
    { kind: 'deaths', value: 187, scope: 'subset' },
    { kind: 'deaths', value: 44, scope: 'subset' },
    { kind: 'deaths', value: 2, scope: 'subset' },
  ]);
  expectFigures(figures(['Date: 16 September 2022 – present', 'Deaths: At least 488 protesters, including 64 minors (Iran Human Rights)'].join('\n'), '2023-01-27', 'en', null), [
    { kind: 'deaths', value: 488, scope: 'cumulative' },
    { kind: 'deaths', value: 64, scope: 'subset' },
  ]);
});

test("a one-day box on the story's own first day is the story's page: its counts are the toll, as of the day the page was saved", () => {
  // (our own lines; the form of the Bagua and Chad 2022 pages, whose boxes name only the day their crisis broke out)
  const page = (date: string): FactInput => ({
    title: 'Ouster of Pedro Castillo',
    text: [`Date: ${date}`, 'Location: Lima, Peru', 'Casualties', 'Deaths: 33', 'Injuries: 85 civilians and 50 police officers', '', 'Congress removed the president that afternoon.'].join('\n'),
    published: '2024-01-15',
    language: 'en',
  });
  const read = (d: FactInput) => factsOf(d, [PERU]).figures.map((f) => `${f.kind} ${f.value} ${f.scope} ${f.asOf}`);
  assert.deepEqual(read(page('7 December 2022')), ['deaths 33 cumulative 2024-01-15', 'injured 85 subset 2024-01-15', 'injured 50 subset 2024-01-15']);
  // a one-day event inside a longer story stays that day's incident
  assert.deepEqual(read(page('9 January 2023')), ['deaths 33 incident 2023-01-09', 'injured 85 subset 2023-01-09', 'injured 50 subset 2023-01-09']);
});

test('a whole is kept for its parts across a sentence or two with no count, but not for "one of them"', () => {
  // (our own sentences, in the form of a Kenyan commission's report: a quote between the toll and its breakdown)
  const breakdown = figures(
    'At least 25 people have been killed since the protests began, the commission said. "These are the cases we could verify. Others may follow," its chair told reporters. Lagos accounted for 12 of the deaths, followed by Abuja with five. Kano had two.',
    '2020-10-25', 'en', null,
  );
  expectFigures(breakdown, [
    { kind: 'deaths', value: 25, scope: 'cumulative' },
    { kind: 'deaths', value: 12, scope: 'subset' },
    { kind: 'deaths', value: 5, scope: 'subset' },
    { kind: 'deaths', value: 2, scope: 'subset' },
  ]);
  // "them" are the people of the sentence with no count, not the injured officers before it
  expectFigures(figures('Police said 14 officers were injured in the clashes. Protesters blocked the main bridge into the town. Heavy rain had swollen the river and, as they swam across, one of them drowned.', '2023-03-05', 'en', null), [
    { kind: 'injured', value: 14 },
    { kind: 'deaths', value: 1, scope: 'incident' },
  ]);
});

test('"the remaining two" opening a sentence is the rest of the whole told before it', () => {
  // (our own sentences, in the form of a Nepali report)
  assert.deepEqual(
    figures('At least 19 people were killed on Monday. Seventeen of them died in Kathmandu. The remaining two victims were in Sunsari district.', '2025-09-08', 'en', null)
      .map((f) => `${f.kind} ${f.value} ${f.scope}`),
    ['deaths 19 incident', 'deaths 17 subset', 'deaths 2 subset'],
  );
});

test('the next count of a list of days, its verb and noun left out, counts what the count before it counts, on its own day', () => {
  // (our own sentences, in the form of a Bolivian and a Belarusian report)
  expectFigures(figures('La Defensoría informó que 14 personas murieron el sábado y 21 el domingo en los choques con la policía.', '2021-05-04', 'es', null), [
    { kind: 'deaths', value: 14, scope: 'incident', asOf: '2021-05-01' },
    { kind: 'deaths', value: 21, scope: 'incident', asOf: '2021-05-02' },
  ]);
  expectFigures(figures('Police arrested about 300 people on 2 May and 450 on 9 May, the group said.', '2021-05-14', 'en', null), [
    { kind: 'detained', value: 300, qualifier: 'approximately', asOf: '2021-05-02' },
    { kind: 'detained', value: 450, qualifier: 'exact', asOf: '2021-05-09' },
  ]);
  // a count with a casualty word of its own after its day is not the list's
  expectFigures(figures('Seis personas murieron el lunes y 200 el martes resultaron heridas.', '2021-05-04', 'es', null), [
    { kind: 'deaths', value: 6 },
  ]);
});

test('the next count of a list of places, its verb and noun left out, counts what the count before it counts', () => {
  // (our own sentences, in the form of Bangladesh and South Africa reports: places no gazetteer of ours knows)
  expectFigures(figures('Seven people were killed in Narsingdi and eight in Narayanganj, local media said.', '2024-07-20', 'en', null), [
    { kind: 'deaths', value: 7 },
    { kind: 'deaths', value: 8, scope: 'subset' },
  ]);
  // the same value in two places is two counts
  assert.deepEqual(
    figures('Seven people were killed in Narsingdi and seven in Narayanganj.', '2024-07-20', 'en', null).map((f) => `${f.kind} ${f.value}`),
    ['deaths 7', 'deaths 7'],
  );
  // another verb of its own makes its own count
  expectFigures(figures('Police killed 12 in Lagos and arrested 30 in Abuja.', '2020-10-21', 'en', null), [
    { kind: 'deaths', value: 12 },
    { kind: 'detained', value: 30 },
  ]);
});

test('"Most of the deaths, 139, occurred in Almaty": the part between commas after a quantified partitive, its verb after them', () => {
  const read = (text: string, language: 'en' | 'es') => figures(text, '2022-01-31', language, null).map((f) => `${f.kind} ${f.value} ${f.scope}`);
  assert.deepEqual(read('At least 225 people were killed. Most of the deaths, 139, occurred in Almaty.', 'en').slice(1), ['deaths 139 subset']);
  assert.deepEqual(read('Murieron 50 personas. La mayoría de los fallecidos, 30, murieron en Managua.', 'es').slice(1), ['deaths 30 subset']);
});

test('a breakdown in an aside right after the noun it breaks down, before its total: "Los heridos -631 hombres y 84 mujeres- suman 715"', () => {
  const read = (text: string, language: 'en' | 'es') => figures(text, '2019-11-16', language, null).map((f) => `${f.kind} ${f.value} ${f.scope}`);
  // (a hyphen after a space opens the aside: the number after it is read, as "10-12" is not)
  assert.deepEqual(read('Los heridos -631 hombres y 84 mujeres- suman en total 715, según la Defensoría.', 'es'), [
    'injured 631 subset',
    'injured 84 subset',
    'injured 715 cumulative',
  ]);
  assert.deepEqual(read('The dead (12 men and three women) were taken to the city morgue.', 'en'), ['deaths 12 subset', 'deaths 3 subset']);
  // a bracket after the noun that names no group is no breakdown
  assert.deepEqual(read('Los detenidos (unos 40) fueron liberados.', 'es'), []);
});

test('"two of the bodies", "dos de los cuerpos": a part of the bodies just counted', () => {
  const en = figures('Five bodies were recovered from the lagoon, the prosecutor said. Two of the bodies, found badly decomposed, predate the protests.', '2025-07-06', 'en', null);
  assert.equal(en.find((f) => f.value === 2)?.scope, 'subset');
  const es = figures('La Fiscalía confirmó que se recuperaron cinco cuerpos de la laguna. Dos de los cuerpos, en avanzado estado de descomposición, serían anteriores a las protestas.', '2025-07-06', 'es', null);
  assert.equal(es.find((f) => f.value === 2)?.scope, 'subset');
});

test('a day told in a part\'s aside between dashes is the part\'s, not the other counts\' of the sentence', () => {
  const got = figures('El desalojo dejó un saldo que nadie olvida: más de 400 personas detenidas —120 de ellas el 3 de mayo—, al menos 20 muertos y cientos de heridos.', '2016-05-10', 'es', null);
  assert.equal(got.find((f) => f.value === 400)?.scope, 'cumulative');
  assert.equal(got.find((f) => f.value === 20)?.scope, 'cumulative');
  assert.equal(got.find((f) => f.value === 120)?.scope, 'subset');
});
