// The date a figure is as of: period starts, period ends, report periods, other clauses' dates, weekdays,
// anniversary articles. Sentences written for these tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { factsOf } from '../../src/facts/extract.ts';
import { loadStory } from '../../src/facts/story.ts';
import type { Story } from '../../src/facts/types.ts';
import { expectFigures, figures } from './figure-helpers.ts';

/** The as-of date of the figure with this kind and value. */
function asOf(text: string, published: string, language: 'en' | 'es', kind: string, value: number): string | null {
  const found = figures(text, published, language).find((f) => f.kind === kind && f.value === value);
  assert.ok(found, `no ${kind} ${value} in "${text}"`);
  return found.asOf;
}

test('a period start is never the as-of date', () => {
  const pub = '2023-01-05';
  assert.equal(asOf('Las protestas que comenzaron el 7 de diciembre dejaron 28 muertos, según la Defensoría del Pueblo.', pub, 'es', 'deaths', 28), pub);
  assert.equal(asOf('The unrest that began after the ouster of Pedro Castillo on December 7 has left 28 people dead, the Ombudsman said.', pub, 'en', 'deaths', 28), pub);
  assert.equal(asOf('Las movilizaciones, que estallaron a finales de diciembre, dejan ya 12 heridos en Puno.', pub, 'es', 'injured', 12), pub);
  assert.equal(asOf('At least 28 people have died in the unrest that has gripped the south since the ouster of the president almost a month ago.', pub, 'en', 'deaths', 28), pub);
});

test('a stated period end is the as-of date: day, month, or "up to"', () => {
  const pub = '2023-02-10';
  assert.equal(asOf('Entre el 7 de diciembre y el 20 de enero murieron 56 personas, según la Defensoría del Pueblo.', pub, 'es', 'deaths', 56), '2023-01-20');
  assert.equal(asOf('Desde el 7 de diciembre hasta el 20 de enero fueron detenidas 630 personas en todo el país.', pub, 'es', 'detained', 630), '2023-01-20');
  assert.equal(asOf('At least 56 people were killed between December 7 and January 20, rights groups said.', pub, 'en', 'deaths', 56), '2023-01-20');
  assert.equal(asOf('Las marchas que recorrieron el país entre diciembre y enero dejaron 56 muertos.', pub, 'es', 'deaths', 56), '2023-01-31');
  assert.equal(asOf('Rights groups said 56 people died between 7 and 20 January in the southern regions.', pub, 'en', 'deaths', 56), '2023-01-20');
});

test('the period a report covers, told in the next sentence or referred back to, dates its counts', () => {
  const next = 'La Defensoría del Pueblo contabiliza hasta ahora 56 muertos, según el balance que difundió este martes. El informe abarca los hechos ocurridos desde el 7 de diciembre hasta el domingo.';
  assert.equal(asOf(next, '2023-02-07', 'es', 'deaths', 56), '2023-02-05');
  const back = 'The ministry published a report covering the weeks between December 7 and January 20. It said 630 people had been arrested in that period.';
  assert.equal(asOf(back, '2023-02-10', 'en', 'detained', 630), '2023-01-20');
  // A count another source gives, or one announced on its own day, keeps its own date.
  const other = 'The ministry published a report covering the weeks between December 7 and January 20. Separately, the Ombudsman said on Tuesday that 60 people have died.';
  assert.equal(asOf(other, '2023-02-10', 'en', 'deaths', 60), '2023-02-07');
});

test('a count of "these events" or "esas jornadas" takes the end of the period that framed them just before', () => {
  // (no story: Peru's starts after these dates)
  const asOf = (text: string, published: string, language: 'en' | 'es', kind: string, value: number) =>
    figures(text, published, language, null).find((f) => f.kind === kind && f.value === value)?.asOf;
  const en = 'Between 3 and 12 March 2021, strikes and road blockades paralysed the northern provinces. Schools and markets stayed shut.\n\n'
    + 'The strikes grew out of a long dispute over fuel prices and wages.\n\n'
    + 'The human cost of these events was high. At least 31 people were killed and 140 were injured.';
  assert.equal(asOf(en, '2021-04-20', 'en', 'deaths', 31), '2021-03-12');
  assert.equal(asOf(en, '2021-04-20', 'en', 'injured', 140), '2021-03-12');
  const es = 'Del 3 al 12 de marzo de 2021, paros y bloqueos de carreteras paralizaron las provincias del norte. Las escuelas cerraron.\n\n'
    + 'El conflicto venía de una larga disputa por el precio del combustible y los salarios.\n\n'
    + 'Durante esas jornadas murieron al menos 31 personas, según la organización.';
  assert.equal(asOf(es, '2021-04-20', 'es', 'deaths', 31), '2021-03-12');
  // With no pointer back, a count told weeks later is of the day it was told.
  const plain = 'Between 3 and 12 March 2021, strikes and road blockades paralysed the northern provinces.\n\nAt least 31 people have been killed, the rights group said.';
  assert.equal(asOf(plain, '2021-04-20', 'en', 'deaths', 31), '2021-04-20');
});

test('a source that points back at the report ("the ministry also said") keeps the report\'s period however far on', () => {
  const report = 'The Interior Ministry released its fifth report on Monday, covering the period up to January 22. It said 46 people had died. '
    + 'Most of the dead were young men. Schools stayed shut. Flights were cancelled. Markets were closed. ';
  assert.equal(asOf(`${report}The ministry also said police had arrested 329 people.`, '2023-01-24', 'en', 'detained', 329), '2023-01-22');
  assert.equal(asOf(`${report}Según el informe, la policía detuvo a 329 personas.`, '2023-01-24', 'es', 'detained', 329), '2023-01-22');
  // a body named in full ("the Commission of Inquiry") is another source, not a pointer back at the report: its count
  // is of the day the news tells (the report's Monday)
  assert.equal(asOf(`${report}The Commission of Inquiry said police had arrested 329 people.`, '2023-01-24', 'en', 'detained', 329), '2023-01-23');
});

test('the day of a coming vote ("las elecciones del próximo 14 de enero") is not the count\'s', () => {
  const text = 'La Policía confirmó este lunes al menos 45 muertos en los tres días de protestas que siguieron al arresto del candidato, que disputará las elecciones del próximo 14 de enero.';
  assert.equal(asOf(text, '2023-01-24', 'es', 'deaths', 45), '2023-01-23');
});

test('the day of the arrest that set the protests off ("a raíz del arresto el miércoles pasado del líder") is not the count\'s', () => {
  const es = 'Al menos 50 personas murieron en las protestas, sobre todo en la capital, a raíz del arresto el miércoles pasado del principal líder opositor.';
  assert.equal(asOf(es, '2023-01-17', 'es', 'deaths', 50), '2023-01-17');
  const en = 'At least 50 people have died in the protests that followed the arrest of the opposition leader on Wednesday.';
  assert.equal(asOf(en, '2023-01-17', 'en', 'deaths', 50), '2023-01-17');
});

test('the day a count was taken beats the day it was told; a date of another clause is not the count\'s', () => {
  assert.equal(asOf('Amnesty International, in a statement on Monday, said 24 people had died as of Sunday night.', '2023-01-10', 'en', 'deaths', 24), '2023-01-08');
  assert.equal(asOf('The official toll now stands at 48 dead across the country, and Puno is bracing for another night of unrest after Monday\'s clashes.', '2023-01-11', 'en', 'deaths', 48), '2023-01-11');
  assert.equal(asOf('La Defensoría informó este jueves que 18 personas murieron en los enfrentamientos del martes en Juliaca.', '2023-01-12', 'es', 'deaths', 18), '2023-01-10');
});

test('weekdays resolve against publication, "of last week" in the week before', () => {
  // published Tuesday 2023-01-17
  assert.equal(asOf('Five people were killed in Juliaca on Monday of last week, the group said.', '2023-01-17', 'en', 'deaths', 5), '2023-01-09');
  assert.equal(asOf('El viernes de la semana pasada murieron 3 personas en Puno.', '2023-01-17', 'es', 'deaths', 3), '2023-01-13');
  assert.equal(asOf('Este lunes murieron 3 personas en Puno.', '2023-01-17', 'es', 'deaths', 3), '2023-01-16');
  assert.equal(asOf('In the past week alone, 16 people were killed in the south, the group said.', '2023-01-17', 'en', 'deaths', 16), '2023-01-17');
});

test('an anniversary article\'s story dates take the story\'s years, the day it was told keeps its own', () => {
  const pub = '2024-12-10';
  const story = 'Las protestas de diciembre de 2022 y enero de 2023 dejaron decenas de muertos. El día más violento fue el 9 de enero, cuando murieron 18 personas en Juliaca.';
  assert.equal(asOf(story, pub, 'es', 'deaths', 18), '2023-01-09');
  const told = 'Las protestas de diciembre de 2022 dejaron decenas de muertos. La Fiscalía informó el 3 de diciembre que investiga 49 muertes.';
  assert.equal(asOf(told, pub, 'es', 'deaths', 49), '2024-12-03');
});

test("a date in a relative clause of the count's reason dates that event, not the count", () => {
  const text = 'Police have so far arrested 64 people over the riots that shook the port on March 2, the ministry said.';
  expectFigures(figures(text, '2023-03-10', 'en', null), [{ kind: 'detained', value: 64, scope: 'cumulative', asOf: '2023-03-10' }]);
  // (a count during the event the clause dates is that event's)
  expectFigures(figures('Seis personas resultaron heridas durante las marchas que recorrieron la ciudad el 2 de marzo.', '2023-03-10', 'es', null), [
    { kind: 'injured', value: 6, scope: 'incident', asOf: '2023-03-02' },
  ]);
});

test("the day a report was launched somewhere is not the day of the incident it counts", () => {
  const text = 'A report launched at the city library on Wednesday shows that 31 people were killed on March 2. Nine people were killed in the port district.';
  expectFigures(figures(text, '2024-01-12', 'en', null), [
    { kind: 'deaths', value: 31, scope: 'incident', asOf: '2023-03-02' },
    { kind: 'deaths', value: 9, asOf: '2023-03-02' },
  ]);
});

test('"la víspera" is the day before; a date after "que"/"that" belongs to what was told, not to the telling', () => {
  const text = 'La comisión presentó este martes su informe. En la víspera, el ministro había adelantado que en marzo de 2022 al menos 14 personas perdieron la vida por disparos.';
  expectFigures(figures(text, '2023-06-14', 'es', null), [{ kind: 'deaths', value: 14, scope: 'subset', asOf: '2022-03-31' }]);
  expectFigures(figures('La víspera murieron tres manifestantes en el puerto.', '2023-06-14', 'es', null), [
    { kind: 'deaths', value: 3, scope: 'incident', asOf: '2023-06-13' },
  ]);
});

test('"en el periodo" refers back to the nearest period stated before, however far back', () => {
  const text = 'El instituto recogió datos entre el 1 de marzo y el 20 de abril. Los funcionarios visitaron comisarías. También recorrieron hospitales. '
    + 'Además entrevistaron a familias. Son 85 las personas que en el periodo sufrieron lesiones oculares.';
  expectFigures(figures(text, '2022-04-25', 'es', null), [{ kind: 'injured', value: 85, scope: 'subset', asOf: '2022-04-20' }]);
});

test("a date past another count in a later clause is that count's, not the toll's", () => {
  const text = 'The number of people killed in the unrest has risen to 44, the commission says, a week after the ministry put the toll at 31 on March 3.';
  expectFigures(figures(text, '2023-03-11', 'en', null), [
    { kind: 'deaths', value: 44, scope: 'cumulative', asOf: '2023-03-11' },
    { kind: 'deaths', value: 31, asOf: '2023-03-03' },
  ]);
  // (a span's own days are no other count)
  expectFigures(figures('De ellos, 40 murieron entre el 16 de julio y el 4 de agosto, según la oficina.', '2024-08-20', 'es', null), [
    { kind: 'deaths', value: 40, asOf: '2024-08-04' },
  ]);
});

test('a span of one month closed by a bare day ("between June 3 and 18", "from May 28 to 31, 2021") is as of that day', () => {
  assert.equal(figures('Between June 3 and 18, at least 120 people were killed.', '2019-08-30', 'en', null)[0]?.asOf, '2019-06-18');
  assert.equal(figures('From May 28 to 31, 2021, at least 13 people died.', '2021-08-30', 'en', null)[0]?.asOf, '2021-05-31');
  // a day that starts a count is no span's end
  assert.equal(figures('On June 3 and 18 people were hurt.', '2019-06-05', 'en', null)[0]?.value, 18);
});

test('a count over a month ("the unrest that swept the country in January 2022 claimed 230 lives") runs to the month\'s end', () => {
  const [f] = figures('The unrest that swept the country in January 2022 claimed the lives of 230 people, the prosecutor said.', '2022-03-14', 'en', null);
  assert.equal(f?.scope, 'cumulative');
  assert.equal(f?.asOf, '2022-01-31');
});

test("a wire's undated counts are of the day its lead tells, not of a later happening the same piece adds", () => {
  // 2024-06-21 is a Friday: the marches were on Thursday, the inquiry opened on Friday
  const text = [
    'Dos personas murieron y unas 200 resultaron heridas durante las marchas que recorrieron este jueves varias ciudades del país, según denunciaron este viernes varias organizaciones.',
    'La autoridad policial abrió este viernes una investigación sobre la muerte de un joven.',
    'Al menos 120 personas han resultado heridas en la capital, señalaron las organizaciones.',
  ].join('\n\n');
  assert.equal(asOf(text, '2024-06-21', 'es', 'injured', 120), '2024-06-20');
});

test("the date of a vote or a coup a sentence names is that event's, not the day of a count beside it", () => {
  assert.equal(asOf('La ONG informó este domingo de que al menos 900 personas han sido detenidas por las protestas contra los resultados de las elecciones presidenciales del 3 de marzo.', '2024-03-17', 'es', 'detained', 900), '2024-03-17');
  assert.equal(asOf('At least 14 people have died in the protests against the official result of the March 3 presidential election, the group said.', '2024-03-17', 'en', 'deaths', 14), '2024-03-17');
  // a day of the count's own still dates it
  assert.equal(asOf('Two people were killed on March 5 in the capital during protests over the election.', '2024-03-17', 'en', 'deaths', 2), '2024-03-05');
});

test('a lead telling only when its count was told ("…, informó este viernes la Fiscalía") reports on that day, not on a later paragraph\'s Thursday', () => {
  const text = 'Las protestas han dejado al menos 12 muertos y 140 heridos, informó este viernes la Fiscalía.\n\n' +
    'La fiscal detalló los casos en su programa de radio.\n\nEl jueves falleció en Puno un trabajador al que dispararon desde un edificio.';
  const got = figures(text, '2023-01-13', 'es').filter((f) => f.value !== 1);
  assert.deepEqual(got.map((f) => [f.value, f.asOf]), [[12, '2023-01-13'], [140, '2023-01-13']]);
});

test('the day of a happening that opens a span ("desde que la policía irrumpió … el pasado miércoles") is never a running count\'s day, and stays an event\'s', () => {
  // own sentences, after EFE on Egypt's toll three days after the camps were cleared
  // (https://archivo.lapatria.com/internacional/gobierno-reconoce-173-muertos-en-los-ultimos-disturbios-en-egipto-41278)
  expectFigures(figures('Según las autoridades, son ya más de 800 los muertos desde que la policía irrumpió en las acampadas el pasado miércoles.', '2013-08-17', 'es', null), [
    { kind: 'deaths', value: 800, scope: 'cumulative', asOf: '2013-08-17' },
  ]);
  expectFigures(figures('More than 800 people have been killed since the police stormed the camps on Wednesday, officials said.', '2013-08-17', 'en', null), [
    { kind: 'deaths', value: 800, scope: 'cumulative', asOf: '2013-08-17' },
  ]);
  const egypt = loadStory(new URL('../../config/stories/egypt-2013.yaml', import.meta.url).pathname) as unknown as Story;
  const text = 'En Egipto, según las autoridades, son ya más de 800 los muertos desde que la policía irrumpió en las acampadas de El Cairo el pasado miércoles.';
  const { events } = factsOf({ title: null, text, published: '2013-08-17', language: 'es' }, [egypt]);
  assert.ok(events.some((e) => e.date === '2013-08-14'), `the storming is an event of 2013-08-14: ${JSON.stringify(events.map((e) => e.date))}`);
});

test('two months joined under one year ("in July and August 2013", "en julio y agosto de 2013") take that year, and the count runs to the second', () => {
  // own sentence, after Human Rights Watch's report on the Rab'a killings, a year later (https://www.jadaliyya.com/Details/31110)
  expectFigures(figures('Security forces killed at least 1,150 demonstrators in July and August 2013 in a systematic manner.', '2014-08-12', 'en', null), [
    { kind: 'deaths', value: 1150, asOf: '2013-08-31' },
  ]);
  expectFigures(figures('Las fuerzas de seguridad mataron a 150 manifestantes en julio y agosto de 2013.', '2014-08-12', 'es', null), [
    { kind: 'deaths', value: 150, asOf: '2013-08-31' },
  ]);
});

test('"within the last month" runs to the report\'s day, and a start told right after its "since" clause ("Desde que comenzaron las protestas, el jueves pasado,") is no count\'s day', () => {
  // own sentences, after Upside Down World on Bolivia's gas war (https://upsidedownworld.org/archives/bolivia/thirty-killed-in-gas-war-101303/)
  // and EFE on Colombia's 2019 strike (https://www.llamascomunicacion.com/internacional/mas-de-300-policias-heridos-en-protestas-contra-el-gobierno-de-colombia/)
  expectFigures(figures('The weekend massacre brings the number of people killed in the conflict to 38 within the last month.', '2003-10-13', 'en', null), [
    { kind: 'deaths', value: 38, scope: 'cumulative', asOf: '2003-10-13' },
  ]);
  expectFigures(figures('Desde que comenzaron las protestas, el jueves pasado, las autoridades han reportado tres muertos.', '2019-11-25', 'es', null), [
    { kind: 'deaths', value: 3, scope: 'cumulative', asOf: '2019-11-25' },
  ]);
  // ("last month" alone is the calendar month before)
  expectFigures(figures('Police arrested 40 people last month in the capital.', '2019-11-25', 'en', null), [{ kind: 'detained', value: 40, asOf: '2019-10-31' }]);
});

test('"by" a day: the count as it stood then, a running count, not that day\'s incident', () => {
  const got = figures('By Friday 14 March the rights group had documented 19 deaths, most of them from live fire, across the country.', '2025-03-20', 'en', null);
  assert.deepEqual(got.filter((f) => f.value === 19).map((f) => [f.kind, f.scope, f.asOf]), [['deaths', 'cumulative', '2025-03-14']]);
  const plain = figures('By 14 March, 240 people had been arrested, the police said.', '2025-03-20', 'en', null);
  assert.deepEqual(plain.filter((f) => f.value === 240).map((f) => [f.kind, f.scope, f.asOf]), [['detained', 'cumulative', '2025-03-14']]);
});

test('"that day", "the same day", "ese mismo día": the day the sentences just before named, even a day something began', () => {
  const pub = '2025-07-06';
  const began = 'The prosecutor said the events began on Friday 27 June. At around 10 a.m. that day, two bodies were pulled out of a lake in the north of the city.';
  assert.equal(asOf(began, pub, 'en', 'deaths', 2), '2025-06-27');
  const later = 'Police moved in on 14 June. "We had no choice," the governor said. The same day, 92 people were injured in the clashes.';
  assert.equal(asOf(later, pub, 'en', 'injured', 92), '2025-06-14');
  assert.equal(asOf('El 14 de junio la policía intentó desalojar el plantón. Ese mismo día resultaron heridas 92 personas.', pub, 'es', 'injured', 92), '2025-06-14');
  // A day of its own in the count's clause wins over the pointer's.
  assert.equal(asOf('Police moved in on 14 June. That day and again on 16 June, 30 people were arrested.', pub, 'en', 'detained', 30), '2025-06-16');
});

test('a list of days before a month ("del 26, 27 y 28 de junio"): the last day dates a count over them', () => {
  assert.equal(asOf('Son al menos tres las personas que murieron durante las protestas del 26, 27 y 28 de junio, informó el martes la ONG.', '2025-07-01', 'es', 'deaths', 3), '2025-06-28');
  assert.equal(asOf('At least 40 people were arrested during the protests of 5, 6 and 7 March, the ministry said on Monday.', '2025-03-10', 'en', 'detained', 40), '2025-03-07');
});

test('the day a span opens, told in an apposition after "desde que …" ("…, a mediados de diciembre"), is never the as-of date', () => {
  const pub = '2011-02-01';
  assert.equal(asOf('Ndiaye detalló que 147 personas perdieron la vida desde que estallaron los disturbios, a mediados de diciembre.', pub, 'es', 'deaths', 147), pub);
  assert.equal(asOf('At least 60 people have died since the protests broke out, in mid-December, the UN said.', pub, 'en', 'deaths', 60), pub);
});

test('a day told without its year takes the year the same document gives that day elsewhere', () => {
  const text = 'Más de 20 manifestantes murieron durante las protestas del 10 de agosto de 2022, recordó la organización. Tras las protestas del 10 de agosto, la policía detuvo a 515 personas.';
  assert.equal(figures(text, '2023-11-06', 'es', null).find((f) => f.value === 515)?.asOf, '2022-08-10');
});

test('an undated encyclopedia page carries its year: a day told without one is in the year of the day told before it', () => {
  const tunisia = loadStory(new URL('../../config/stories/tunisia-2011.yaml', import.meta.url).pathname) as unknown as Story;
  const text = [
    'Tunisian uprising',
    'Date: 17 December 2010 – 14 January 2011',
    'Place: Tunisia',
    '',
    'The tolls were revised several times. On 17 January 2011 the interior minister said that 78 people had been killed. On 1 February a United Nations mission in Tunis reported at least 219 deaths.',
  ].join('\n');
  const { figures } = factsOf({ title: null, text, published: null, language: 'en' }, [tunisia]);
  assert.equal(figures.find((f) => f.value === 219)?.asOf, '2011-02-01');
  assert.equal(figures.find((f) => f.value === 78)?.asOf, '2011-01-17');
});

test('a day told among the parts after a count is the part\'s, until the sentence resumes', () => {
  const pub = '2023-03-10';
  // (the whole is as of the report; the day is one named victim's)
  assert.equal(asOf('Desde enero, al menos seis manifestantes han muerto, entre ellos una enfermera de 24 años que falleció el 2 de marzo en un hospital.', pub, 'es', 'deaths', 6), pub);
  assert.equal(asOf('At least six protesters have died since January, including a nurse who died in hospital on March 2.', pub, 'en', 'deaths', 6), pub);
  // (the aside closes and the count's own verb takes the day)
  assert.equal(asOf('Seis personas, entre ellas dos estudiantes, murieron el 2 de marzo en la capital.', pub, 'es', 'deaths', 6), '2023-03-02');
});

test('a day told of a count\'s earlier value ("up from nine on Friday", "frente a los 19 del viernes") leaves the count a running one, as of the report', () => {
  const pub = '2023-03-10';
  expectFigures(figures('Twelve people have now died, up from nine on Tuesday.', pub, 'en'), [
    { kind: 'deaths', value: 12, scope: 'cumulative', asOf: pub },
    { kind: 'deaths', value: 9, scope: 'cumulative', asOf: '2023-03-07' },
  ]);
  expectFigures(figures('La cifra asciende a 24 muertos, frente a los 19 del martes.', pub, 'es'), [
    { kind: 'deaths', value: 24, scope: 'cumulative', asOf: pub },
    { kind: 'deaths', value: 19, scope: 'cumulative', asOf: '2023-03-07' },
  ]);
});
