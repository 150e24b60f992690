import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFigures, expectNone, figures } from './figure-helpers.ts';

// 2023-01-12 is a Thursday.
const PUB = '2023-01-12T15:30:00Z';
const es = (text: string, published: string | null = PUB) => figures(text, published, 'es');

test('Defensoría: "son 47 los fallecidos", official, cumulative', () => {
  expectFigures(es('La Defensoría del Pueblo informó que son 47 los fallecidos desde el inicio de las protestas.'), [{
    kind: 'deaths', value: 47, qualifier: 'exact', scope: 'cumulative', asOf: '2023-01-12',
    attribution: 'Defensoría del Pueblo', official: true, location: null,
  }]);
});

test('incident with el lunes and place: "al menos 17 personas murieron el lunes en Juliaca"', () => {
  expectFigures(es('Al menos 17 personas murieron el lunes en Juliaca durante enfrentamientos con la policía.'), [{
    kind: 'deaths', value: 17, qualifier: 'at_least', scope: 'incident', asOf: '2023-01-09', location: 'Juliaca', region: 'Puno',
  }]);
});

test('qualifiers: más de, por lo menos, cerca de, alrededor de, unos, aproximadamente, casi, hasta', () => {
  const q = (text: string) => es(text).map((f) => [f.kind, f.value, f.qualifier]);
  assert.deepEqual(q('La policía reportó más de 200 detenidos en Lima.'), [['detained', 200, 'more_than']]);
  assert.deepEqual(q('Por lo menos 18 manifestantes fallecieron en la región Puno.'), [['deaths', 18, 'at_least']]);
  assert.deepEqual(q('Cerca de 40 personas perdieron la vida en las protestas.'), [['deaths', 40, 'approximately']]);
  assert.deepEqual(q('Alrededor de 500 heridos fueron atendidos en hospitales de la región.'), [['injured', 500, 'approximately']]);
  assert.deepEqual(q('Unas 300 personas fueron detenidas ayer en Lima.'), [['detained', 300, 'approximately']]);
  assert.deepEqual(q('Aproximadamente 70 personas han muerto desde diciembre.'), [['deaths', 70, 'approximately']]);
  assert.deepEqual(q('Casi 30 personas han muerto en menos de tres semanas.'), [['deaths', 30, 'almost']]);
  assert.deepEqual(q('La cifra podría llegar hasta 60 muertos, según dirigentes.'), [['deaths', 60, 'up_to']]);
});

test('number words: diecisiete, veinticinco, treinta y cinco, un muerto, una docena', () => {
  expectFigures(es('Diecisiete muertos dejó la jornada del 9 de enero en Juliaca.'), [
    { kind: 'deaths', value: 17, scope: 'incident', asOf: '2023-01-09', location: 'Juliaca' },
  ]);
  expectFigures(es('El enfrentamiento dejó un muerto y veinticinco heridos en Andahuaylas.'), [
    { kind: 'deaths', value: 1, scope: 'incident', location: 'Andahuaylas', region: 'Apurímac' },
    { kind: 'injured', value: 25, scope: 'incident', location: 'Andahuaylas' },
  ]);
  expectFigures(es('Treinta y cinco personas resultaron heridas el martes en Cusco.'), [
    { kind: 'injured', value: 35, scope: 'incident', asOf: '2023-01-10', location: 'Cusco' },
  ]);
  expectFigures(es('Una docena de manifestantes fueron detenidos en Huancayo.'), [
    { kind: 'detained', value: 12, qualifier: 'exact', location: 'Huancayo', region: 'Junín' },
  ]);
});

test('thousands separator with a dot: "más de 1.200 heridos"', () => {
  expectFigures(es('Más de 1.200 heridos dejó la represión desde diciembre.'), [
    { kind: 'injured', value: 1200, qualifier: 'more_than', scope: 'cumulative' },
  ]);
});

test('scopes: cumulative toll, subset "46 de ellos", subset by cause, incident with date', () => {
  expectFigures(es('Hasta el momento se registran 56 fallecidos en el marco de las protestas, 46 de ellos en enfrentamientos.'), [
    { kind: 'deaths', value: 56, scope: 'cumulative' },
    { kind: 'deaths', value: 46, scope: 'subset' },
  ]);
  expectFigures(es('La cifra de fallecidos asciende a 60, según la Defensoría.'), [
    { kind: 'deaths', value: 60, scope: 'cumulative', attribution: 'Defensoría del Pueblo', official: true },
  ]);
  expectFigures(es('Según el peritaje, seis personas murieron por impactos de bala en el tórax.'), [
    { kind: 'deaths', value: 6, scope: 'subset' },
  ]);
  expectFigures(es('En Juliaca, 18 personas murieron el 9 de enero y otras 100 resultaron heridas.'), [
    { kind: 'deaths', value: 18, scope: 'incident', asOf: '2023-01-09', location: 'Juliaca' },
    { kind: 'injured', value: 100, scope: 'incident', asOf: '2023-01-09', location: 'Juliaca' },
  ]);
  expectFigures(es('Nueve policías resultaron heridos, informó el Ministerio del Interior.'), [
    { kind: 'injured', value: 9, scope: 'subset', attribution: 'Interior Ministry', official: true },
  ]);
});

test('dates: ayer, el sábado pasado, year roll-back, "a finales de enero"', () => {
  expectFigures(es('Ayer fueron detenidas 30 personas en Lima.'), [{ kind: 'detained', value: 30, asOf: '2023-01-11', scope: 'incident' }]);
  expectFigures(es('La policía detuvo a 193 personas el sábado pasado en la Universidad de San Marcos.'), [
    { kind: 'detained', value: 193, scope: 'incident', asOf: '2023-01-07' },
  ]);
  expectFigures(es('El 15 de diciembre murieron 10 personas en Ayacucho.'), [
    { kind: 'deaths', value: 10, scope: 'incident', asOf: '2022-12-15', location: 'Ayacucho' },
  ]);
  expectFigures(es('A finales de enero, la cifra de muertos llegó a 58.', '2023-03-02'), [
    { kind: 'deaths', value: 58, scope: 'cumulative', asOf: '2023-01-25', asOfPrecision: 'month' },
  ]);
});

test('presidential statement is an official attribution', () => {
  expectFigures(es('La presidenta Dina Boluarte lamentó la muerte de 17 personas en Juliaca.'), [
    { kind: 'deaths', value: 17, attribution: 'presidenta Dina Boluarte', official: true, location: 'Juliaca' },
  ]);
});

test('vague counts and non-casualty numbers give nothing', () => {
  expectNone('Centenares de personas marcharon en Lima.', PUB, 'es');
  expectNone('Decenas de heridos y centenares de detenidos dejaron las protestas.', PUB, 'es');
  expectNone('El Congreso aprobó la moción con 70 votos a favor y 33 en contra.', PUB, 'es');
  expectNone('El próximo lunes llegarán 30.000 aymaras a Lima.', PUB, 'es');
  expectNone('Los manifestantes mantienen 83 bloqueos de vías en 8 regiones.', PUB, 'es');
  expectNone('Unos 80.000 camiones de carga están varados desde hace 16 días.', PUB, 'es');
  expectNone('Un joven de 19 años participó en la marcha.', PUB, 'es');
  expectNone('El 78% de peruanos desaprueba a Boluarte.', PUB, 'es');
});

test('verb before subject: "fueron detenidas 30 personas", "murieron 10 personas"; "un manifestante murió" is no count', () => {
  expectFigures(es('Ayer fueron detenidas 30 personas en Lima.'), [{ kind: 'detained', value: 30, scope: 'incident', asOf: '2023-01-11', location: 'Lima' }]);
  // (issue 10, ANNOTATION.md: an article is not a count — "un agente murió"; "un muerto" is the number one)
  expectFigures(es('En Cusco, un manifestante murió y otros 20 resultaron heridos tras enfrentamientos en el aeropuerto.'), [
    { kind: 'injured', value: 20, scope: 'incident', location: 'Cusco' },
  ]);
});

test('EFE dispatch: dateline skipped, "desde el inicio…, el 7 de diciembre" is a span start, "en lo que va" is running', () => {
  const text = 'LIMA, 10 de enero (EFE).- Al menos 17 personas murieron este lunes en la ciudad de Juliaca, informó la Defensoría del Pueblo.\n' +
    'Con estas muertes, la cifra de fallecidos desde el inicio de las protestas, el 7 de diciembre, asciende a 46, según el último reporte de la Defensoría.\n' +
    'La Coordinadora Nacional de Derechos Humanos reportó que 1.200 personas fueron heridas en lo que va de las protestas.';
  expectFigures(es(text, '2023-01-10T18:00:00Z'), [
    { kind: 'deaths', value: 17, qualifier: 'at_least', scope: 'incident', asOf: '2023-01-09', location: 'Juliaca', attribution: 'Defensoría del Pueblo' },
    { kind: 'deaths', value: 46, scope: 'cumulative', attribution: 'Defensoría del Pueblo', official: true },
    { kind: 'injured', value: 1200, scope: 'cumulative', asOf: '2023-01-10' },
  ]);
});

test('"capturó a 12 personas" is a detention; "retuvieron a 12 soldados" is not', () => {
  expectFigures(es('La Policía capturó a 12 personas en Ica el domingo.'), [
    { kind: 'detained', value: 12, scope: 'incident', asOf: '2023-01-08', location: 'Ica', region: 'Ica' },
  ]);
  expectNone('Los manifestantes retuvieron a 12 soldados.', PUB, 'es');
});

test('"costó la vida a 38 personas", "cost the lives of 12 people": the count whose lives were taken', () => {
  expectFigures(figures('La represión de las protestas de finales de 2019 costó la vida a 38 personas, según el informe.', '2021-08-17', 'es', null), [
    { kind: 'deaths', value: 38, asOf: '2019-12-31' },
  ]);
  expectFigures(figures('The crackdown cost the lives of at least 12 people, the group said.', '2021-08-17', 'en', null), [
    { kind: 'deaths', value: 12, qualifier: 'at_least' },
  ]);
});

test('a cleft is a toll even where its words read as a plain count, and so is its coordinated second count; "un saldo cercano a las 30"', () => {
  expectFigures(figures('En tres semanas de paro, son 14 las personas que perdieron la vida y 300 las que resultaron heridas, según la Defensoría.', '2021-05-20', 'es', null), [
    { kind: 'deaths', value: 14, scope: 'cumulative' },
    { kind: 'injured', value: 300, scope: 'cumulative' },
  ]);
  expectFigures(figures('La revuelta dejó un saldo cercano a las 40 muertes, según el instituto.', '2021-05-20', 'es', null), [
    { kind: 'deaths', value: 40, qualifier: 'approximately', scope: 'cumulative' },
  ]);
});

test('a partitive names its whole\'s kind even after another kind was counted, and the rest of it counts the same people', () => {
  expectFigures(figures('El informe registra 31 muertos y 640 heridos. De los fallecidos, 22 ya fueron identificados y los nueve restantes aún no han sido reconocidos.', '2019-11-16', 'es', null), [
    { kind: 'deaths', value: 31, scope: 'cumulative' },
    { kind: 'injured', value: 640, scope: 'cumulative' },
    { kind: 'deaths', value: 22, scope: 'subset' },
    { kind: 'deaths', value: 9, scope: 'subset' },
  ]);
});

test('a place\'s share told after it with "con" counts what the sentence counts, as a part', () => {
  expectFigures(figures('La mayoría de los arrestos se produjeron en Barinas, con diecisiete, y en Anzoátegui, con una decena.', '2024-07-31', 'es', null), [
    { kind: 'detained', value: 17, scope: 'subset' },
    { kind: 'detained', value: 10, qualifier: 'approximately', scope: 'subset' },
  ]);
});

test('a partitive after "que" ("precisó que de los fallecidos, cinco murieron en …") opens a list of parts', () => {
  expectFigures(figures('La ONG contabiliza 9 muertos. Su director precisó que de los fallecidos, cuatro murieron en la costa y dos en la sierra.', '2024-07-30', 'es', null), [
    { kind: 'deaths', value: 9, scope: 'cumulative' },
    { kind: 'deaths', value: 4, scope: 'subset', asOf: '2024-07-30' },
    { kind: 'deaths', value: 2, scope: 'subset', asOf: '2024-07-30' },
  ]);
});

test('"suman en total" after a kind noun, even with a breakdown in dashes between them, states the count (the breakdown its parts)', () => {
  expectFigures(figures('Los heridos -400 hombres y 90 mujeres- suman en total 490, y entre ellos figuran 30 policías.', '2019-11-16', 'es', null), [
    { kind: 'injured', value: 400, scope: 'subset' },
    { kind: 'injured', value: 90, scope: 'subset' },
    { kind: 'injured', value: 490, scope: 'cumulative' },
    { kind: 'injured', value: 30, scope: 'subset' },
  ]);
});

test('who says it, between the count and its verb: "Al menos 30 personas, según …, perdieron la vida"', () => {
  expectFigures(es('Al menos 30 personas, según las cifras de un colegio de médicos, una organización independiente, perdieron la vida desde el inicio de las protestas.'), [
    { kind: 'deaths', value: 30, qualifier: 'at_least', scope: 'cumulative' },
  ]);
});

test('a toll told again further down is one figure, with the attribution only the restatement gives', () => {
  const got = es('Las protestas dejaron más de 60 muertos desde diciembre. Los dirigentes anunciaron nuevas marchas. '
    + 'Más de 60 personas, según el recuento de la Defensoría del Pueblo, murieron desde diciembre.');
  expectFigures(got, [{ kind: 'deaths', value: 60, qualifier: 'more_than', scope: 'cumulative', asOf: '2023-01-12' }]);
  assert.match(got[0]!.attribution ?? '', /Defensoría/);
});

test('who they were, at length, before their verb: "120 agentes de la policía regional y de la guardia han resultado heridos"', () => {
  expectFigures(es('Otros 120 agentes de la policía regional y de la guardia han resultado heridos.'), [
    { kind: 'injured', value: 120, scope: 'subset' },
  ]);
});

test('a cleft over two groups: "cifraba en seis los soldados y policías muertos"', () => {
  expectFigures(es('El ministerio cifraba en seis los soldados y policías muertos y en 90 los heridos.'), [
    { kind: 'deaths', value: 6, scope: 'subset' },
    { kind: 'injured', value: 90 },
  ]);
});

test('new deaths are no toll: "dos muertes adicionales", "tres nuevas muertes", "De las dos muertes adicionales…"', () => {
  for (const text of ['La organización denunció dos muertes adicionales en la provincia.', 'El ministerio reportó tres nuevas muertes.', 'De las dos muertes adicionales que cita el colectivo, una fue por causas naturales.']) {
    const got = es(text);
    assert.equal(got[0]?.scope, 'incident', `${text}: ${got.map((f) => f.scope).join(',')}`);
  }
});

test('parts by pointer: "en esos tres días", "en ese hospital", "en sus filas" restrict the count', () => {
  const scopes = (text: string) => es(text).map((f) => f.scope);
  assert.deepEqual(scopes('En esos tres días hubo además 90 detenciones.'), ['subset']);
  assert.deepEqual(scopes('Más de 400 heridos han sido atendidos en ese hospital desde diciembre.'), ['subset']);
  assert.deepEqual(scopes('El Ejército informó de 60 heridos en sus filas.'), ['subset']);
});

test('a toll noun restricted by a cause before its number counts a part: "los heridos por perdigones suman 400"', () => {
  expectFigures(es('Según el instituto, los heridos por perdigones suman 400.'), [{ kind: 'injured', value: 400, scope: 'subset' }]);
});

test('a local authority counts its own place: "la Policía Metropolitana contabiliza 10 homicidios" is no national toll', () => {
  const got = es('La Policía Metropolitana, por su parte, contabiliza 10 homicidios desde el inicio del paro.');
  assert.equal(es('El mayor número de muertos desde el inicio del paro es 47, dijo la Defensoría.')[0]?.scope, 'cumulative', '"mayor" is "greater" in Spanish');
  assert.notEqual(got[0]?.scope, 'cumulative', got.map((f) => `${f.value} ${f.scope}`).join(', '));
});

test('una parte por lugar sin fecha propia es del total nombrado de nuevo justo antes ("De los 120 decesos…")', () => {
  const text = 'Entre 95 y 120 personas han perdido la vida en Perú desde que estallaron las protestas, según distintos organismos. ' +
    'El informe que presentó ayer la Coordinadora establece que al menos 120 personas murieron entre el 7 de diciembre y el 5 de marzo. ' +
    'La Defensoría, por su parte, contabilizaba 95 víctimas mortales hasta el sábado. ' +
    'De los 120 decesos que reporta la Coordinadora, 100 quedaron registrados con nombre. ' +
    'Según su presidenta, la jornada más sangrienta fue la del 9 de enero, con 18 fallecidos. ' +
    'El departamento de Puno acumula 60 asesinatos: 50 en Juliaca y 10 en Ilave.';
  // the 95 "hasta el sábado" (March 4) is the last larger count, but the 120 named again opens what follows
  const got = figures(text, '2023-03-07', 'es').filter((f) => f.location);
  assert.deepEqual(got.map((f) => [f.value, f.scope, f.asOf]), [[60, 'subset', '2023-03-05'], [50, 'subset', '2023-03-05'], [10, 'subset', '2023-03-05']]);
});

test('"los heridos superan los 200", "los detenidos rondan los 2.000": the verb gives the kind and the qualifier', () => {
  expectFigures(es('Según fuentes oficiales, los heridos superan los 200 y los detenidos rondan los 2.000.'), [
    { kind: 'injured', value: 200, qualifier: 'more_than', scope: 'cumulative' },
    { kind: 'detained', value: 2000, qualifier: 'approximately', scope: 'cumulative' },
  ]);
  // ("superan ya los": "ya" after the verb)
  expectFigures(es('Según la comisión, los heridos superan ya los 3.000.'), [{ kind: 'injured', value: 3000, qualifier: 'more_than', scope: 'cumulative' }]);
});

test('"murieron otras siete personas", "killed another 12": "otras"/"another" between the verb and the count', () => {
  expectFigures(es('En los incidentes de la Plaza San Martín murieron otras siete personas el lunes.'), [{ kind: 'deaths', value: 7, scope: 'incident', asOf: '2023-01-09' }]);
  expectFigures(figures('Police killed another 12 protesters in Juliaca on Monday.', PUB), [{ kind: 'deaths', value: 12, scope: 'incident' }]);
});

test('the injured told by their injuries or their way to hospital ("personas con lesiones graves", "taken to hospitals"), and "habían perdido ya la vida"', () => {
  expectFigures(es('Según el Ministerio, hay al menos 22 personas con lesiones graves.'), [{ kind: 'injured', value: 22, qualifier: 'at_least' }]);
  expectFigures(es('Otras 15 personas fueron trasladadas a distintos hospitales de la ciudad.'), [{ kind: 'injured', value: 15 }]);
  expectFigures(figures('At least 72 people were taken to hospitals in Lima.', PUB), [{ kind: 'injured', value: 72, qualifier: 'at_least' }]);
  expectFigures(es('Para entonces, más de 300 personas habían perdido ya la vida en la violencia.'), [{ kind: 'deaths', value: 300, qualifier: 'more_than' }]);
});

test('"por ciento" is a percent, never a hundred people ("el 40 por ciento de los arrestados son estudiantes")', () => {
  expectFigures(es('La fiscal subrayó que el 40 por ciento de los arrestados son estudiantes y que el resto quedó en libertad.'), []);
  expectFigures(es('El 97 por ciento de los detenidos son hombres, según el informe.'), []);
  expectFigures(es('Cien personas fueron detenidas en la capital.'), [{ kind: 'detained', value: 100 }]);
});

test('hedges before "otras", "a minimum of", "del total aproximado de" qualify their count', () => {
  expectFigures(es('Además, al menos otras dos personas han muerto arrolladas en puntos donde había bloqueos.'), [{ kind: 'deaths', value: 2, qualifier: 'at_least' }]);
  expectFigures(figures('By its count, a minimum of 904 people were killed in the dispersal.', PUB), [{ kind: 'deaths', value: 904, qualifier: 'at_least' }]);
  expectFigures(es('Es el peor día del total aproximado de 320 fallecidos que se habían registrado desde el inicio de las protestas.'), [
    { kind: 'deaths', value: 320, qualifier: 'approximately' },
  ]);
});

test('eye trauma and "lesiones" suffered are injuries; "casos de retenciones" are detentions, "retenidos" alone may be hostages', () => {
  expectFigures(es('Del total, 110 sufrieron lesiones oculares, según el instituto.'), [{ kind: 'injured', value: 110 }]);
  expectFigures(figures('The group also lists 22 people who suffered eye injuries in the city.', PUB), [{ kind: 'injured', value: 22 }]);
  expectFigures(es('La campaña registró aproximadamente 230 casos de retenciones en la capital.'), [{ kind: 'detained', value: 230, qualifier: 'approximately' }]);
  expectFigures(es('Los 40 policías retenidos por los comuneros fueron liberados el domingo.'), []);
});

test('clefts whose who is any few words ("son más de 500 los miembros de la Fuerza Pública que sufrieron heridas", "son ya más de 60 los vecinos reportados como detenidos")', () => {
  expectFigures(es('Según el ministro, son más de 500 los miembros de la Fuerza Pública que sufrieron heridas graves.'), [{ kind: 'injured', value: 500, qualifier: 'more_than' }]);
  expectFigures(es('Son ya más de 60 los vecinos reportados como detenidos en todo el país.'), [{ kind: 'detained', value: 60, qualifier: 'more_than' }]);
  expectFigures(es('Son 18 los días que duró el paro nacional.'), []);
});

test('a cleft after "entre los heridos," takes the holder\'s kind ("Entre los heridos, son 414 los civiles y 194 los agentes")', () => {
  expectFigures(es('Entre los heridos, son 414 los civiles y 194 los agentes.'), [
    { kind: 'injured', value: 414, scope: 'subset' },
    { kind: 'injured', value: 194, scope: 'subset' },
  ]);
});

test('"cifrar/situar/estimar X en N" with the noun before its number ("cifraba el viernes los muertos en 212")', () => {
  expectFigures(es('El Gobierno cifraba el viernes los muertos en 212, según la agencia oficial.'), [{ kind: 'deaths', value: 212, scope: 'cumulative' }]);
  expectFigures(es('La organización sitúa el número de heridos en 189 desde que comenzaron las protestas.'), [{ kind: 'injured', value: 189 }]);
  expectFigures(es('La policía estima las detenciones en 1.234 en todo el país.'), [{ kind: 'detained', value: 1234 }]);
  // ("desde …", "según …" after a toll's number, as "since …" and "according to …" were already)
  expectFigures(es('La cifra de heridos asciende a 189 desde el inicio de las protestas.'), [{ kind: 'injured', value: 189 }]);
  // a vote or a sum put at a number is no casualty count
  expectFigures(es('El Gobierno cifra los daños en 500 millones de dólares.'), []);
});

test('the historical present of chronologies ("Ese día mueren 19 personas, 17 de ellas en…"), not a habit ("cada año mueren…")', () => {
  expectFigures(es('Ese día mueren 19 personas, 17 de ellas en Juliaca y dos en Puno.'), [
    { kind: 'deaths', value: 19, scope: 'incident' },
    { kind: 'deaths', value: 17, scope: 'subset' },
    { kind: 'deaths', value: 2, scope: 'subset' },
  ]);
  expectFigures(es('Cada año mueren 500 personas en accidentes de tránsito en el país.'), []);
});

test('"la cifra de fallecidos …, ascendió este jueves a diez": the toll read across a long description of its events', () => {
  expectFigures(es('La cifra de fallecidos en la dura jornada de protestas contra el aumento de las tarifas que estremeció anoche a la capital y a otras ciudades del sur ascendió este jueves a diez, según la Defensoría.'), [
    { kind: 'deaths', value: 10, scope: 'cumulative', asOf: '2023-01-12' },
  ]);
  expectFigures(es('El número de detenidos por los disturbios que sacuden el país desde la destitución del presidente el pasado miércoles llegó este jueves a 340, informó la Policía.'), [
    { kind: 'detained', value: 340, scope: 'cumulative', asOf: '2023-01-12' },
  ]);
});

test('"aumentó en 12 hasta 45": the toll is the value it rose to; the increase is a part of it, never the toll', () => {
  expectFigures(es('El número de muertos aumentó en 12 hasta 45, según el Ministerio de Salud.'), [
    { kind: 'deaths', value: 12, scope: 'subset' },
    { kind: 'deaths', value: 45, qualifier: 'exact', scope: 'cumulative' },
  ]);
  expectFigures(es('La cifra de fallecidos subió de 31 a 45 este jueves.'), [
    { kind: 'deaths', value: 31 },
    { kind: 'deaths', value: 45, qualifier: 'exact', scope: 'cumulative' },
  ]);
});

test('a wound after a lone article is the wound, not one injured person: "sufrió una herida de bala", "a wound to the head"', () => {
  expectNone('Un estudiante sufrió una herida de bala en el hombro durante la marcha.', PUB, 'es');
  expectNone('The teenager had a wound to the head from a rubber bullet.', PUB, 'en');
  // (a lone article before the injured themselves still counts one)
  expectFigures(figures('La marcha dejó dos muertos y una herida.', PUB, 'es'), [{ kind: 'deaths', value: 2 }, { kind: 'injured', value: 1 }]);
});

test('drowning in Spanish as in English: "se ahogaron" counts the dead', () => {
  expectFigures(figures('Seis soldados se ahogaron el 5 de marzo al cruzar un río durante una persecución.', '2023-03-10', 'es'), [
    { kind: 'deaths', value: 6, asOf: '2023-03-05' },
  ]);
});

test('a correction denies the count after the one it tells: "son ocho y no nueve los muertos" is 8 only', () => {
  expectFigures(es('Son ocho y no nueve los muertos, aclaró el ministro.'), [{ kind: 'deaths', value: 8 }]);
  expectFigures(es('La cifra de muertos es de ocho y no de nueve, según la Fiscalía.'), [{ kind: 'deaths', value: 8 }]);
  expectFigures(figures('The dead number 8, not 9, the ministry said.', '2021-05-20', 'en', null), [{ kind: 'deaths', value: 8 }]);
  // a "no" that denies something else leaves the count alone
  expectFigures(es('Hay 12 muertos y no hay heridos.'), [{ kind: 'deaths', value: 12 }]);
});

test('"sufrieron lesiones" before its count is the injured verb, as "resultaron heridas" is', () => {
  expectFigures(es('Sufrieron lesiones 45 personas, entre ellas 12 policías.'), [
    { kind: 'injured', value: 45 },
    { kind: 'injured', value: 12, scope: 'subset' },
  ]);
  expectFigures(es('Han sufrido heridas de bala 12 manifestantes.'), [{ kind: 'injured', value: 12 }]);
  expectFigures(es('Quienes sufrieron lesiones 45 días después fueron atendidos.'), []);
});

test('a count\'s words in quotation marks are read as the count: \'de "una treintena" de fallecidos\'', () => {
  expectFigures(es('Horas antes, el ministro había hablado de "una treintena" de fallecidos.'), [{ kind: 'deaths', value: 30, qualifier: 'approximately' }]);
  expectFigures(es('Las protestas dejaron "más de 300" heridos.'), [{ kind: 'injured', value: 300, qualifier: 'more_than' }]);
  // (a quoted phrase that is no count stays out)
  expectFigures(es('La Policía dice tener "cero registros" de muertes.'), []);
});

test('the counted people\'s noun in quotation marks is still their noun: \'murieron unos 300 "mártires"\'', () => {
  expectFigures(es('Según el movimiento, en la revuelta murieron unos 300 "mártires".'), [{ kind: 'deaths', value: 300, qualifier: 'approximately' }]);
  expectFigures(es('La policía detuvo a 45 «vándalos» durante la noche.'), [{ kind: 'detained', value: 45 }]);
  expectFigures(figures('Officials said 90 "rioters" had been arrested.', PUB, 'en'), [{ kind: 'detained', value: 90 }]);
});

test('"encarcelados" counts detentions, and a death word further on does not take the count', () => {
  expectFigures(es('Unos 40 estudiantes fueron encarcelados tras la marcha.'), [{ kind: 'detained', value: 40, qualifier: 'approximately' }]);
  expectFigures(es('El sindicato exige la excarcelación de más de 60 obreros que siguen encarcelados y que se investiguen las muertes de marzo.'), [{ kind: 'detained', value: 60, qualifier: 'more_than' }]);
  expectFigures(es('La policía encarceló a 25 dirigentes vecinales.'), [{ kind: 'detained', value: 25 }]);
});

test('"el centenar de heridos que la ONU contabilizó el pasado 29 de septiembre": a tally\'s day dates a running count; "de esta jornada" is one day\'s', () => {
  expectFigures(figures('Hay que sumar el centenar de heridos que la ONU contabilizó el pasado 4 de enero.', '2023-01-20', 'es', null), [
    { kind: 'injured', value: 100, qualifier: 'approximately', scope: 'cumulative', asOf: '2023-01-04' },
  ]);
  expectFigures(figures('The medical association counted 5,120 people injured across the country in its assessment of 4 January.', '2023-01-20', 'en', null), [
    { kind: 'injured', value: 5120, scope: 'cumulative', asOf: '2023-01-04' },
  ]);
  expectFigures(es('Son al menos tres los muertos de esta jornada, según testigos.'), [{ kind: 'deaths', value: 3, scope: 'incident', asOf: '2023-01-12' }]);
  expectFigures(es('El ministro cifró en 230 el número de personas detenidas.'), [{ kind: 'detained', value: 230 }]);
  expectFigures(es('La policía elevó a 85 la cifra de personas heridas.'), [{ kind: 'injured', value: 85 }]);
});

test('"cinco de los 12 fallecidos" is a part of the 12; the freed are no detention; a count inside a relative clause keeps its kind', () => {
  expectFigures(es('Según la Defensoría, cinco de los 12 fallecidos eran menores de edad.'), [
    { kind: 'deaths', value: 5, scope: 'subset' },
    { kind: 'deaths', value: 12, scope: 'cumulative' },
  ]);
  expectFigures(es('Las autoridades liberaron a 120 de los 300 detenidos.'), [{ kind: 'detained', value: 300 }]);
  expectFigures(figures('A judge released 40 of the 200 people arrested on Saturday.', PUB, 'en', null), [{ kind: 'detained', value: 200 }]);
  expectFigures(es('En la marcha participaron unas 20.000 personas, según la Policía, que informó de 5 detenidos.'), [{ kind: 'detained', value: 5 }]);
});

test('"cuya muerte" names the dead: "Tres son las personas cuya muerte han confirmado las autoridades" is 3 deaths, not arrests', () => {
  expectFigures(es('Tres son las personas cuya muerte durante las movilizaciones han confirmado hasta ahora las autoridades, aunque hay 7.000 detenidos.'), [
    { kind: 'deaths', value: 3 },
    { kind: 'detained', value: 7000 },
  ]);
  expectFigures(es('Son tres las personas cuya muerte han confirmado las autoridades.'), [{ kind: 'deaths', value: 3 }]);
});

test('a death verb in the subjunctive after "después de que", "tras que": "después de que al menos 19 manifestantes murieran el lunes"', () => {
  const read = (text: string) => figures(text, '2025-09-11', 'es', null).map((f) => `${f.kind} ${f.qualifier} ${f.value} ${f.scope} ${f.asOf}`);
  assert.deepEqual(read('Las protestas estallaron después de que al menos 19 manifestantes murieran el lunes.'), ['deaths at_least 19 incident 2025-09-08']);
  assert.deepEqual(read('Tras que 12 personas fallecieran en la marcha, el ministro renunció.'), ['deaths exact 12 incident 2025-09-11']);
});

test('lives a violence "se ha llevado por delante" are deaths', () => {
  const read = (text: string) => figures(text, '2021-07-18', 'es', null).map((f) => `${f.kind} ${f.qualifier} ${f.value}`);
  assert.deepEqual(read('La violencia se ha llevado por delante más de 200 vidas desde el lunes.'), ['deaths more_than 200']);
  assert.deepEqual(read('Los disturbios se llevaron por delante 40 vidas.'), ['deaths exact 40']);
});
