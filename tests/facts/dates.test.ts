import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDateMentions, resolveReferenceDate, storyDayCount } from '../../src/facts/dates.ts';
import { figures } from './figure-helpers.ts';

// 2023-01-12 is a Thursday.
const PUB = '2023-01-12T15:30:00Z';
const at = (sentence: string, published: string | null = PUB, language = 'en') => resolveReferenceDate(sentence, published, language);

test('a bare weekday is the most recent one on or before publication', () => {
  assert.deepEqual(at('Protesters clashed with police on Monday in Juliaca.'), { date: '2023-01-09', precision: 'day' });
  assert.deepEqual(at('On Thursday, the Ombudsman updated its count.'), { date: '2023-01-12', precision: 'day' });
  assert.deepEqual(at('Clashes resumed last Friday.'), { date: '2023-01-06', precision: 'day' });
});

test('a weekday points ahead with next/will/próximo', () => {
  assert.deepEqual(at('Unions will march on Monday.'), { date: '2023-01-16', precision: 'day' });
  assert.deepEqual(at('A new march is planned for next Tuesday.'), { date: '2023-01-17', precision: 'day' });
  assert.deepEqual(at('El próximo lunes llegarán delegaciones de Puno.', PUB, 'es'), { date: '2023-01-16', precision: 'day' });
});

test('Spanish weekdays and relative days', () => {
  assert.deepEqual(at('Al menos 17 personas murieron el lunes en Juliaca.', PUB, 'es'), { date: '2023-01-09', precision: 'day' });
  assert.deepEqual(at('Ayer fueron detenidas 30 personas.', PUB, 'es'), { date: '2023-01-11', precision: 'day' });
  assert.deepEqual(at('La marcha fue el sábado pasado.', PUB, 'es'), { date: '2023-01-07', precision: 'day' });
  assert.deepEqual(at('La semana pasada hubo enfrentamientos.', PUB, 'es'), { date: '2023-01-05', precision: 'week' });
});

test('a parenthetical or appositive date beats the weekday', () => {
  const pub = '2023-05-26T00:00:00Z';
  assert.deepEqual(at('Congress last Thursday (May 18) authorised the entry of US troops.', pub), { date: '2023-05-18', precision: 'day' });
  assert.deepEqual(at('This Monday, December 26, the government annulled the appointments.', '2022-12-28'), { date: '2022-12-26', precision: 'day' });
});

test('"On Tuesday, 17 people…" does not read 17 as a day of the month', () => {
  const found = findDateMentions('On Tuesday, 17 people were killed in Juliaca.', PUB);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.text, 'On Tuesday');
  assert.deepEqual(at('On Tuesday, 17 people were killed in Juliaca.'), { date: '2023-01-10', precision: 'day' });
});

test('a year-less date later than publication is last year’s', () => {
  assert.deepEqual(at('Security forces opened fire on December 15 in Ayacucho.'), { date: '2022-12-15', precision: 'day' });
  assert.deepEqual(at('Nineteen were killed on January 9 in Juliaca.'), { date: '2023-01-09', precision: 'day' });
  assert.deepEqual(at('El 15 de diciembre murieron 10 personas en Ayacucho.', PUB, 'es'), { date: '2022-12-15', precision: 'day' });
});

test('a year-less date called the next one ("el próximo 10 de enero", "next January 10") is the coming one, in next year if need be', () => {
  const dec = '2022-12-20';
  assert.deepEqual(at('Los comicios se celebrarán el próximo 10 de enero.', dec, 'es'), { date: '2023-01-10', precision: 'day' });
  assert.deepEqual(at('The run-off is set for next January 10.', dec), { date: '2023-01-10', precision: 'day' });
  // (without the word, a past January 10 still reads as this year's)
  assert.deepEqual(at('The march of January 10 ended in clashes.', '2023-01-12'), { date: '2023-01-10', precision: 'day' });
});

test('explicit years, numeric dates and ISO dates', () => {
  assert.deepEqual(at('On December 7, 2022, Castillo was removed.'), { date: '2022-12-07', precision: 'day' });
  assert.deepEqual(at('Samizdat – 10.01.2023'), { date: '2023-01-10', precision: 'day' });
  assert.deepEqual(at('el 9 de enero de 2023 en Juliaca', PUB, 'es'), { date: '2023-01-09', precision: 'day' });
  assert.deepEqual(at('Updated 2023-02-03 at noon'), { date: '2023-02-03', precision: 'day' });
});

test("numeric dates: a reading after publication gives way to the other; when both can be, the text's language decides", () => {
  const day = (text: string, published: string, language: string) => findDateMentions(text, published, language)[0]?.date;
  assert.equal(day('On 01/09/2023, 17 people were killed.', '2023-01-20', 'en'), '2023-01-09');
  assert.equal(day('El 10/01/2023 murieron 17 personas.', '2023-01-20', 'es'), '2023-01-10');
  // (day first would be 1 September, after the report: month first)
  assert.equal(day('El 01/09/2023 murieron 17 personas.', '2023-01-20', 'es'), '2023-01-09');
  // both readings before publication: English reads month first, Spanish day first
  assert.equal(day('On 01/09/2023, 17 people were killed.', '2023-12-20', 'en'), '2023-01-09');
  assert.equal(day('El 01/09/2023 murieron 17 personas.', '2023-12-20', 'es'), '2023-09-01');
});

test('"late January" has month precision and never runs past publication', () => {
  assert.deepEqual(at('The protests were still going on in late January.', '2023-01-24'), { date: '2023-01-24', precision: 'month' });
  assert.deepEqual(at('In late January the toll reached 58.', '2023-03-01'), { date: '2023-01-25', precision: 'month' });
  assert.deepEqual(at('A mediados de diciembre la cifra era de 26.', '2023-03-01', 'es'), { date: '2022-12-15', precision: 'month' });
});

test('yesterday, N days ago, last week', () => {
  assert.deepEqual(at('Police said yesterday that 20 were detained.'), { date: '2023-01-11', precision: 'day' });
  assert.deepEqual(at('The raid happened three days ago.'), { date: '2023-01-09', precision: 'day' });
  assert.deepEqual(at('Last week, 40 people were arrested.'), { date: '2023-01-05', precision: 'week' });
});

test('a date that opens a span is not the reference date', () => {
  assert.deepEqual(at('More than 80 were killed since the start of the coup on 7 December 2022.', '2023-07-19'), { date: '2023-07-19', precision: 'day' });
  assert.deepEqual(at('Desde el 7 de diciembre han muerto 60 personas.', '2023-03-01', 'es'), { date: '2023-03-01', precision: 'day' });
  assert.equal(findDateMentions('since Dec. 7 protesters have marched', PUB)[0]?.date, '2022-12-07');
});

test('story-day counts: "in power for 40 days", "the past 364 days"', () => {
  assert.deepEqual(storyDayCount('The regime has been in power for 40 days.', '2022-12-07'), { date: '2023-01-16', precision: 'day' });
  assert.deepEqual(storyDayCount('The past 364 days have been the bloodiest.', '2022-12-07'), { date: '2023-12-06', precision: 'day' });
  assert.deepEqual(resolveReferenceDate('in power for 40 days', null, 'en', { storyStart: '2022-12-07' }), { date: '2023-01-16', precision: 'day' });
});

test('no cue: the publication date, or null without one', () => {
  assert.deepEqual(at('The protesters demand new elections.'), { date: '2023-01-12', precision: 'day' });
  assert.equal(at('The protesters demand new elections.', null), null);
  assert.equal(resolveReferenceDate('No cue here.', PUB, 'en', { fallbackToPublished: false }), null);
  assert.equal(at('On Tuesday, the EPAF presented a report.', null), null);
});

test('month and year periods: "in January" caps at publication, "in 2021" has year precision, "since 2019" opens a span', () => {
  assert.deepEqual(at('Police made 2,000 arrests in January.', '2023-01-10'), { date: '2023-01-10', precision: 'month' });
  assert.deepEqual(at('Police made 2,000 arrests in December.', '2023-01-10'), { date: '2022-12-15', precision: 'month' });
  assert.deepEqual(at('Castillo won the election in 2021.'), { date: '2021-07-01', precision: 'year' });
  assert.equal(findDateMentions('in 2021 and since 2019', PUB)[1]?.since, true);
});

test('day counts unrelated to the story are not story-day cues', () => {
  assert.equal(storyDayCount('300 trucks have been stranded for 16 days.', '2022-12-07'), null);
  assert.equal(storyDayCount('In the past 3 days, 20 people were detained.', '2022-12-07'), null);
  assert.deepEqual(storyDayCount('40 days after the coup, the protests go on.', '2022-12-07'), { date: '2023-01-16', precision: 'day' });
});

test('year spans end with their last year: "between 1980 and 2000", "1980-2000"', () => {
  assert.deepEqual(at('The conflict between 1980 and 2000 left 69,000 dead.'), { date: '2000-07-01', precision: 'year' });
  assert.deepEqual(at('El conflicto armado interno (1980-2000) dejó 69.000 muertos.', PUB, 'es'), { date: '2000-07-01', precision: 'year' });
});

test('"mayo" is read whole, not as English "May" and a stray "o"', () => {
  const [d] = findDateMentions('a finales de mayo ya contaba 66 víctimas', '2021-06-08', 'es');
  assert.equal(d?.text, 'finales de mayo');
});

test('"four days later", "al día siguiente" count from the day named before them; "dos días después de que…" does not', () => {
  const days = (text: string, language = 'en') => findDateMentions(text, '2023-02-01', language).map((d) => d.date);
  assert.deepEqual(days('Ten people were killed on 15 January in Ayacucho; seven more died four days later in Juliaca.'), ['2023-01-15', '2023-01-19']);
  assert.deepEqual(days('El 9 de enero murieron 17 personas y al día siguiente falleció un policía.', 'es'), ['2023-01-09', '2023-01-10']);
  assert.deepEqual(days('El sábado 14 de enero, dos días después de que el Gobierno decretara la emergencia, hubo 40 heridos.', 'es'), ['2023-01-14']);
});

test('a weekday with its day of the month ("el domingo 21", "el pasado lunes 15") is that day; a count after a weekday is not a day', () => {
  const on = (text: string) => findDateMentions(text, '2019-07-28', 'es').map((d) => [text.slice(d.start, d.end), d.date]);
  assert.deepEqual(on('Según la policía, el domingo 21 resultaron heridas 45 personas.'), [['el domingo 21', '2019-07-21']]);
  assert.deepEqual(on('El pasado lunes 15, la policía detuvo a 20 personas.'), [['El pasado lunes 15', '2019-07-15']]);
  assert.deepEqual(on('El domingo 21 personas murieron.'), [['El domingo', '2019-07-28']]);
});

test('"from 7 to 17 February", "del 7 al 17 de febrero" close on the 17th as "between 7 and 17 February" does', () => {
  const closes = (text: string, language: string) => findDateMentions(text, '2019-03-19', language).map((d) => [d.date, Boolean(d.closes)]);
  assert.deepEqual(closes('From 7 to 17 February 2019, demonstrations paralysed the country.', 'en'), [['2019-02-17', true]]);
  assert.deepEqual(closes('Del 7 al 17 de febrero de 2019, las protestas paralizaron el país.', 'es'), [['2019-02-17', true]]);
});

test('"entre los días 1 y 5 de este mes" closes on the 5th of the publication\'s month', () => {
  const got = findDateMentions('registró 1.675 detenciones entre los días 1 y 5 de este mes', '2017-12-14', 'es');
  assert.deepEqual(got.map((d) => [d.date, Boolean(d.closes)]), [['2017-12-05', true]]);
});

test('"last March", "el pasado mes de octubre", "March last year": the latest such month before publication, or the year before\'s; "until" closes a span', () => {
  const pub = '2025-10-22';
  const month = (text: string) => findDateMentions(text, pub).map((d) => `${d.date.slice(0, 7)} ${d.precision}${d.closes ? ' closes' : ''}`);
  assert.deepEqual(month('The protests lasted until last March.'), ['2025-03 month closes']);
  assert.deepEqual(month('Last October, the square saw at least 12 killings.'), ['2024-10 month']);
  assert.deepEqual(month('El pasado mes de octubre murieron dos personas.'), ['2024-10 month']);
  assert.deepEqual(month('Hasta marzo pasado, 3.700 personas resultaron heridas.'), ['2025-03 month closes']);
  assert.deepEqual(month('In March last year the count stood at 400.'), ['2024-03 month']);
  assert.deepEqual(month('En marzo del año pasado, la cifra era de 400.'), ['2024-03 month']);
});

test('"N years ago", "hace N años" name the year that many back, so an old massacre recalled is no count of the story', () => {
  assert.deepEqual(at('The army fired on students 50 years ago.'), { date: '1973-07-01', precision: 'year' });
  assert.deepEqual(at('Hace dos años, la policía reprimió la marcha.', PUB, 'es'), { date: '2021-07-01', precision: 'year' });
  // (the Peru story began in December 2022: a massacre recalled from half a century back is background)
  assert.deepEqual(figures('Hace 50 años, 300 estudiantes fueron asesinados en la plaza.', PUB, 'es'), []);
});
