// Regressions from the 2023-03 extractor review (published 2023-03-01, a Wednesday): one reviewer sentence and
// one realistic sentence of our own per finding.
import { test } from 'node:test';
import { expectFigures, expectNone, figures } from './figure-helpers.ts';

const PUB = '2023-03-01';
const en = (text: string) => figures(text, PUB, 'en');
const es = (text: string) => figures(text, PUB, 'es');

test('review 1: a dateline city is not the location of a national toll', () => {
  expectFigures(en("LIMA, Feb 28 (Reuters) - At least 60 people have been killed in protests since December, according to Peru's ombudsman's office."), [
    { kind: 'deaths', value: 60, qualifier: 'at_least', scope: 'cumulative', location: null, region: null },
  ]);
  expectFigures(es('LIMA (EFE).- Al menos 60 personas han muerto en las protestas desde diciembre, según la Defensoría.'), [
    { kind: 'deaths', value: 60, scope: 'cumulative', location: null },
  ]);
  expectFigures(es('PUNO.- La cifra de fallecidos en las protestas asciende a 47, informó la Defensoría.'), [
    { kind: 'deaths', value: 47, scope: 'cumulative', location: null, attribution: 'Defensoría del Pueblo' },
  ]);
  expectFigures(en('JULIACA, Peru (AP) — The death toll rose to 47 on Tuesday, officials said.'), [
    { kind: 'deaths', value: 47, scope: 'cumulative', location: null },
  ]);
  // own: an AP dateline with a state-like suffix and a national toll
  expectFigures(en('CUSCO, Peru (AP) — Peru’s ombudsman’s office said Friday that 58 people have died since the unrest began.'), [
    { kind: 'deaths', value: 58, scope: 'cumulative', location: null },
  ]);
});

test('review 2: "al 28 de febrero" / "as of" dates a running count: cumulative', () => {
  for (const text of [
    'Al 28 de febrero, la Defensoría reporta 48 fallecidos en enfrentamientos.',
    'Según la Defensoría, al 28 de febrero se registran 48 fallecidos',
  ]) expectFigures(es(text), [{ kind: 'deaths', value: 48, scope: 'cumulative', asOf: '2023-02-28', attribution: 'Defensoría del Pueblo' }]);
  // the parts listed after the colon are subsets by cause, dated as their whole (ANNOTATION.md)
  expectFigures(es('La Defensoría del Pueblo contabilizó 67 fallecidos al 28 de febrero: 49 en enfrentamientos y 11 en accidentes.'), [
    { kind: 'deaths', value: 67, scope: 'cumulative', asOf: '2023-02-28' },
    { kind: 'deaths', value: 49, scope: 'subset', asOf: '2023-02-28' },
    { kind: 'deaths', value: 11, scope: 'subset', asOf: '2023-02-28' },
  ]);
  // own: English wire phrasing
  expectFigures(en('As of Feb. 27, the Health Ministry had registered 1,301 injured in the protests.'), [
    { kind: 'injured', value: 1301, scope: 'cumulative', asOf: '2023-02-27', attribution: 'Health Ministry' },
  ]);
});

test('review 3: ages are not casualty counts', () => {
  expectFigures(en('Two protesters, ages 16 and 17, were killed on Feb. 20 in Juliaca.'), [
    { kind: 'deaths', value: 2, scope: 'incident', asOf: '2023-02-20', location: 'Juliaca' },
  ]);
  expectNone('Protesters between the ages of 15 and 60 were injured.', PUB);
  expectNone('The protesters, aged between 15 and 60, were detained by police.', PUB);
  // own: Spanish ages between commas
  expectFigures(es('Tres jóvenes, de 17 y 19 años, murieron el 9 de enero en Juliaca.'), [
    { kind: 'deaths', value: 3, scope: 'incident', asOf: '2023-01-09', location: 'Juliaca' },
  ]);
  // own: ages with no commas between the people and their verb; the count reads on to its verb, the range spans no days
  expectFigures(figures('Eight people aged between 18 and 30 were shot dead in Cali during Tuesday\'s protests.', '2020-09-11', 'en', null), [
    { kind: 'deaths', value: 8, scope: 'incident', asOf: '2020-09-08' },
  ]);
  expectFigures(figures('Three men aged 22, 25 and 31 were arrested on Sunday.', '2020-09-11', 'en', null), [{ kind: 'detained', value: 3 }]);
  expectFigures(figures('Dos jóvenes de 17, 19 y 22 años murieron en la marcha del martes.', '2020-09-11', 'es', null), [{ kind: 'deaths', value: 2 }]);
});

test('review 4: "no fewer than", "no less than", "no menos de" are lower bounds', () => {
  for (const text of ['No fewer than 20 people were injured in Juliaca.', 'No less than 20 people were injured in Juliaca.']) {
    expectFigures(en(text), [{ kind: 'injured', value: 20, qualifier: 'at_least' }]);
  }
  expectFigures(es('No menos de 20 personas resultaron heridas en Juliaca.'), [{ kind: 'injured', value: 20, qualifier: 'at_least' }]);
  // own: Spanish "poco menos de" is "almost", not an upper bound
  expectFigures(es('Poco menos de 50 personas han muerto desde diciembre, según la Defensoría.'), [
    { kind: 'deaths', value: 50, qualifier: 'almost', scope: 'cumulative' },
  ]);
});

test('review 5: "from" opens a span only right before its date', () => {
  expectFigures(en("Peru's death toll from the unrest rose to 58 on Monday after a protester died."), [
    { kind: 'deaths', value: 58, scope: 'cumulative', asOf: '2023-02-27' },
  ]);
  expectFigures(en('Eleven people died from their injuries on Jan. 10 in Juliaca.'), [
    { kind: 'deaths', value: 11, scope: 'incident', asOf: '2023-01-10', location: 'Juliaca' },
  ]);
  // own: a wounded protester dying later, "from gunshot wounds"
  expectFigures(en('Two protesters died from gunshot wounds on Feb. 20 in a hospital in Juliaca.'), [
    { kind: 'deaths', value: 2, scope: 'incident', asOf: '2023-02-20' },
  ]);
});

test('review 6: a weekday in parentheses after an explicit date does not move it', () => {
  expectFigures(en('Clashes on Jan. 9 (Monday) in Juliaca left 17 dead.'), [
    { kind: 'deaths', value: 17, scope: 'incident', asOf: '2023-01-09', location: 'Juliaca' },
  ]);
  expectFigures(es('El enfrentamiento del 9 de enero (lunes) dejó 18 muertos.'), [{ kind: 'deaths', value: 18, scope: 'incident', asOf: '2023-01-09' }]);
  // own: Spanish date followed by the weekday after a comma
  expectFigures(es('El 15 de diciembre, jueves, murieron 8 personas en Ayacucho.'), [
    { kind: 'deaths', value: 8, scope: 'incident', asOf: '2022-12-15', location: 'Ayacucho' },
  ]);
});

test('review 7: Spanish toll rises ("elevó a 47 la cifra de fallecidos", "los fallecidos suman 48")', () => {
  for (const text of ['La Defensoría del Pueblo elevó a 47 la cifra de fallecidos en las protestas.', 'La Defensoría elevó a 47 la cifra de muertos.']) {
    expectFigures(es(text), [{ kind: 'deaths', value: 47, scope: 'cumulative', attribution: 'Defensoría del Pueblo', official: true }]);
  }
  expectFigures(es('Según la Defensoría, los fallecidos suman 48.'), [
    { kind: 'deaths', value: 48, scope: 'cumulative', attribution: 'Defensoría del Pueblo' },
  ]);
  // own: "actualizó a N el número de fallecidos" with the injured count in a second clause
  expectFigures(es('La Defensoría actualizó a 49 el número de fallecidos, mientras los heridos suman 1.200.'), [
    { kind: 'deaths', value: 49, scope: 'cumulative', attribution: 'Defensoría del Pueblo' },
    { kind: 'injured', value: 1200, scope: 'cumulative' },
  ]);
});

test('review 8: "between 40 and 60 people" is one incident with two bounds, never a cumulative span', () => {
  // choice: the range gives two figures of the same incident, the lower bound at_least and the upper up_to
  expectFigures(en('Between 40 and 60 people were killed on Jan. 9, witnesses said.'), [
    { kind: 'deaths', value: 40, qualifier: 'at_least', scope: 'incident', asOf: '2023-01-09' },
    { kind: 'deaths', value: 60, qualifier: 'up_to', scope: 'incident', asOf: '2023-01-09' },
  ]);
  // own: a span of dates written with abbreviations stays a running total
  expectFigures(en('Between Dec. 7 and Jan. 31, 58 people died in the protests.'), [{ kind: 'deaths', value: 58, scope: 'cumulative', asOf: '2023-01-31' }]);
  expectFigures(en('From Dec. 7 to Jan. 9, 47 people died, the ombudsman said.'), [{ kind: 'deaths', value: 47, scope: 'cumulative', asOf: '2023-01-09' }]);
  // own: Spanish range
  expectFigures(es('Entre 20 y 30 personas resultaron heridas el 15 de diciembre en Ayacucho.'), [
    { kind: 'injured', value: 20, qualifier: 'at_least', scope: 'incident', asOf: '2022-12-15', location: 'Ayacucho' },
    { kind: 'injured', value: 30, qualifier: 'up_to', scope: 'incident', asOf: '2022-12-15', location: 'Ayacucho' },
  ]);
});

test('review 9: "N deaths in the last 24 hours" is the latest day’s count, not a running total', () => {
  expectFigures(en('The ombudsman said 60 people have died, with 2 deaths in the last 24 hours.'), [
    { kind: 'deaths', value: 60, scope: 'cumulative' },
    { kind: 'deaths', value: 2, scope: 'incident', asOf: '2023-03-01' },
  ]);
  expectFigures(es('La Defensoría dijo que 60 personas han muerto, con 2 fallecidos en las últimas 24 horas.'), [
    { kind: 'deaths', value: 60, scope: 'cumulative' },
    { kind: 'deaths', value: 2, scope: 'incident', asOf: '2023-03-01' },
  ]);
  // own: a later incident in the document does not pull the 24-hour count to its date
  const got = en('Seventeen people were killed in Juliaca on Jan. 9. The Health Ministry said 35 people were injured in the past 24 hours.');
  expectFigures(got, [
    { kind: 'deaths', value: 17, scope: 'incident', asOf: '2023-01-09' },
    { kind: 'injured', value: 35, scope: 'incident', asOf: '2023-03-01' },
  ]);
});

test('review 10: a story-day count never lands after publication; "the last N days" ends at publication', () => {
  expectFigures(en('Officials said some 1,500 people had been detained in the last 90 days.'), [
    { kind: 'detained', value: 1500, qualifier: 'approximately', scope: 'cumulative', asOf: '2023-03-01' },
  ]);
  // own: "100 days after the ouster" would be 2023-03-17, after publication: capped at publication
  expectFigures(es('Según la Defensoría, 60 personas han muerto en los 100 días desde la vacancia de Castillo.'), [
    { kind: 'deaths', value: 60, scope: 'cumulative', asOf: '2023-03-01' },
  ]);
});

test('review 11, revised by issue 10: "a/an" + person + casualty is no count (ANNOTATION.md: "a police officer" is not annotated)', () => {
  expectNone('A protester was killed in Juliaca on Feb. 20, police said.', PUB);
  expectFigures(en('Eight protesters and a police officer died on Jan. 9 in Juliaca.'), [
    { kind: 'deaths', value: 8, scope: 'incident', asOf: '2023-01-09', location: 'Juliaca' },
  ]);
  expectNone('A 17-year-old student was shot dead in Ayacucho on Dec. 15, the ombudsman said.', PUB);
  expectNone('Police fired tear gas at a march in Lima on Tuesday.', PUB);
  expectNone('A soldier killed him during the clashes on Jan. 9.', PUB);
  expectNone('Trasladaron a manifestante herido al hospital de Juliaca.', PUB, 'es'); // Spanish "a" is a preposition
  // (the last item of a list of parts is one: "18 son civiles y una es un agente")
  expectFigures(es('Murieron 19 personas: 18 son civiles y una es un agente de la Policía.'), [
    { kind: 'deaths', value: 19 },
    { kind: 'deaths', value: 18, scope: 'subset' },
    { kind: 'deaths', value: 1, scope: 'subset' },
  ]);
});

test('review 12: an explicit day in the sentence before dates the incident, whatever its age', () => {
  expectFigures(en('Protests flared again on Jan. 9 in Juliaca. Police said 17 people were killed.'), [
    { kind: 'deaths', value: 17, scope: 'incident', asOf: '2023-01-09', location: 'Juliaca' },
  ]);
  // own: Spanish, two sentences
  expectFigures(es('El 15 de diciembre los manifestantes intentaron tomar el aeropuerto de Huamanga. Ese día murieron 10 personas.'), [
    { kind: 'deaths', value: 10, scope: 'incident', asOf: '2022-12-15' },
  ]);
});

test('review 13: Spanish conditional and "figuran entre los fallecidos"', () => {
  expectFigures(es('Hasta 15 personas habrían sido detenidas en Puno el 20 de enero.'), [
    { kind: 'detained', value: 15, qualifier: 'up_to', scope: 'incident', asOf: '2023-01-20', location: 'Puno' },
  ]);
  expectFigures(es('Al menos 10 menores de edad figuran entre los fallecidos.'), [
    { kind: 'deaths', value: 10, qualifier: 'at_least', scope: 'subset' },
  ]);
  // own: reported-speech conditional with a past date
  expectFigures(es('Según la Fiscalía, 6 manifestantes habrían sido asesinados el 15 de diciembre en Ayacucho.'), [
    { kind: 'deaths', value: 6, scope: 'incident', asOf: '2022-12-15', location: 'Ayacucho' },
  ]);
});

test('places that share a count out ("most of them in Puno") are not the location of the toll', () => {
  expectFigures(figures("The Ombudsman's office said on Thursday that 58 people have died in the protests so far, most of them in the southern regions of Puno and Ayacucho.", '2023-02-10'), [
    { kind: 'deaths', value: 58, scope: 'cumulative', location: null },
  ]);
  expectFigures(figures('La Defensoría del Pueblo informó que 60 personas han fallecido desde diciembre, la mayoría en Puno.', '2023-02-10', 'es'), [
    { kind: 'deaths', value: 60, scope: 'cumulative', location: null },
  ]);
});
