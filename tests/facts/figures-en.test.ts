import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFigures, expectNone, figures } from './figure-helpers.ts';

// 2023-01-12 is a Thursday.
const PUB = '2023-01-12T15:30:00Z';

test('wire style: incident with weekday, place, region and trailing attribution', () => {
  const got = figures('At least 17 people were killed on Monday in clashes between protesters and police in Juliaca, the Health Ministry said.', PUB);
  expectFigures(got, [{
    kind: 'deaths', value: 17, qualifier: 'at_least', scope: 'incident', asOf: '2023-01-09', asOfPrecision: 'day',
    location: 'Juliaca', region: 'Puno', attribution: 'Health Ministry', official: true,
  }]);
  assert.equal(got[0]!.quote, 'At least 17 people were killed on Monday in clashes between protesters and police in Juliaca, the Health Ministry said.');
});

test('"On Tuesday, 17 people…": 17 is a count, Tuesday the date', () => {
  expectFigures(figures('On Tuesday, 17 people were killed in Juliaca.', PUB), [
    { kind: 'deaths', value: 17, qualifier: 'exact', scope: 'incident', asOf: '2023-01-10', location: 'Juliaca' },
  ]);
});

test('number words: Seventeen, Forty-seven, a dozen, over a dozen', () => {
  expectFigures(figures('Seventeen people died in Juliaca on Monday, and 68 others were injured.', PUB), [
    { kind: 'deaths', value: 17, scope: 'incident', asOf: '2023-01-09' },
    { kind: 'injured', value: 68, scope: 'incident', asOf: '2023-01-09' },
  ]);
  expectFigures(figures('Forty-seven people have died in the protests, the government said.', PUB), [
    { kind: 'deaths', value: 47, qualifier: 'exact', scope: 'cumulative', asOf: '2023-01-12', attribution: 'Government', official: true },
  ]);
  expectFigures(figures('A dozen demonstrators were arrested in Cusco on Wednesday.', PUB), [
    { kind: 'detained', value: 12, qualifier: 'exact', scope: 'incident', asOf: '2023-01-11', location: 'Cusco', region: 'Cusco' },
  ]);
  expectFigures(figures('The investigation was opened after over a dozen Peruvians were killed in confrontations with security forces.', PUB), [
    { kind: 'deaths', value: 12, qualifier: 'more_than', scope: 'incident' },
  ]);
});

test('qualifiers: at least / a least / more than / 600+ / about / nearly / almost / up to', () => {
  const q = (text: string) => figures(text, PUB).map((f) => [f.value, f.qualifier]);
  assert.deepEqual(q('The protests have left a least 22 dead.'), [[22, 'at_least']]);
  assert.deepEqual(q('More than 1,200 people have been injured since the unrest began.'), [[1200, 'more_than']]);
  assert.deepEqual(q('Police have arrested 600+ protesters since December.'), [[600, 'more_than']]);
  assert.deepEqual(q('Upwards of 300 people have been detained.'), [[300, 'more_than']]);
  assert.deepEqual(q('About 60 people have been killed since December.'), [[60, 'approximately']]);
  assert.deepEqual(q('Roughly 40 protesters have been wounded.'), [[40, 'approximately']]);
  assert.deepEqual(q('Nearly 500 people have been injured.'), [[500, 'almost']]);
  assert.deepEqual(q('The repression has resulted in almost 30 deaths in less than three weeks.'), [[30, 'almost']]);
  assert.deepEqual(q('The toll could be as high as 70 dead, activists say.'), [[70, 'up_to']]);
  assert.deepEqual(q('Up to 22 people may have died.'), [[22, 'up_to']]);
});

test('kinds and phrasings: toll, lives claimed, deaths of, massacre of, martyrs, N dead', () => {
  const k = (text: string) => figures(text, PUB).map((f) => [f.kind, f.value, f.scope]);
  assert.deepEqual(k('The death toll from weeks of unrest rose to 47 on Thursday.'), [['deaths', 47, 'cumulative']]);
  assert.deepEqual(k('Boluarte apologized for the violence that has so far claimed 47 lives.'), [['deaths', 47, 'cumulative']]);
  assert.deepEqual(k('A brutal crackdown culminated in the deaths of approximately 70 people.'), [['deaths', 70, 'cumulative']]);
  assert.deepEqual(k('The regime now has the blood of over 100 martyrs on its hands.'), [['deaths', 100, 'cumulative']]);
  assert.deepEqual(k('Violent clashes left 18 people dead in the region.'), [['deaths', 18, 'incident']]);
  // a count one town restricts is a part of the toll, never the toll
  assert.deepEqual(k('Peru mourns the massacre of 17 people in Juliaca.'), [['deaths', 17, 'subset']]);
  assert.deepEqual(k('Security forces have killed 46 protesters in that time.'), [['deaths', 46, 'cumulative']]);
  assert.deepEqual(k('Scores of police raided the campus on Saturday, detaining more than 200 people.'), [['detained', 200, 'incident']]);
});

test('cumulative vs incident vs subset', () => {
  expectFigures(figures('On Sunday, Peru’s Health Ministry acknowledged that 25 people have died during the protests.', '2022-12-19'), [
    { kind: 'deaths', value: 25, scope: 'cumulative', asOf: '2022-12-18', attribution: 'Health Ministry', official: true },
  ]);
  expectFigures(figures('In Lima, 224 people were detained on Friday for participating in the protests.', '2023-01-09'), [
    { kind: 'detained', value: 224, scope: 'incident', asOf: '2023-01-06', location: 'Lima', region: 'Lima' },
  ]);
  expectFigures(figures('Forensic experts found that six people died as a result of shots to the chest.', PUB), [
    { kind: 'deaths', value: 6, scope: 'subset' },
  ]);
  expectFigures(figures('The UN spokesperson noted that one medical worker was killed while administering aid.', PUB), [
    { kind: 'deaths', value: 1, scope: 'subset' },
  ]);
  expectFigures(figures('Nevertheless, 69 people remain hospitalized.', PUB), [{ kind: 'injured', value: 69, scope: 'subset' }]);
  expectFigures(figures('At least two of the deceased – a boy and a girl – were reportedly children.', PUB), [
    { kind: 'deaths', value: 2, qualifier: 'at_least', scope: 'subset' },
  ]);
  expectFigures(figures('Authorities said nearly 500 people had been injured, including 176 police officers.', PUB), [
    { kind: 'injured', value: 500, qualifier: 'almost', scope: 'cumulative' },
    { kind: 'injured', value: 176, qualifier: 'exact', scope: 'subset' },
  ]);
  expectFigures(figures('Officials said two people died in Andahuaylas on Sunday, raising the death toll to 24.', PUB), [
    { kind: 'deaths', value: 2, scope: 'incident', asOf: '2023-01-08', location: 'Andahuaylas', region: 'Apurímac' },
    { kind: 'deaths', value: 24, scope: 'cumulative' },
  ]);
});

test('one drowned, five disappeared: one death, disappearance is not a casualty kind', () => {
  expectFigures(figures('Swimming across the river, one of them drowned and five others disappeared.', PUB), [
    { kind: 'deaths', value: 1, scope: 'incident' },
  ]);
});

test('a parenthetical aside does not cut a count from its verb', () => {
  expectFigures(figures('The latest numbers are that 48 protestors (it started non-violently and only lately the protestors started breaking things down) have been killed and there are hundreds injured.', PUB), [
    { kind: 'deaths', value: 48, scope: 'cumulative', asOf: '2023-01-12' },
  ]);
});

test('vague counts are not figures', () => {
  expectNone('The cabinet stands accused of killing dozens and wounding hundreds of demonstrators.', PUB);
  expectNone('Scores of people were injured and thousands were arrested.', PUB);
  expectNone('The crackdown has led to dozens of deaths.', PUB);
  expectFigures(figures('Justice for the more than 80 Peruvians killed and thousands injured since the start of the coup on 7 December 2022.', '2023-07-19'), [
    { kind: 'deaths', value: 80, qualifier: 'more_than', scope: 'cumulative', asOf: '2023-07-19' },
  ]);
});

test('numbers that are not casualties never come out', () => {
  expectNone('Passed with 70 votes in favour, 33 against and four abstentions, the resolution allows US troops.', PUB);
  expectNone('Peru’s security forces, including 140,000 mobilised soldiers, were deployed.', PUB);
  expectNone('The number of US soldiers has not been disclosed; it could be around 700.', PUB);
  expectNone('Protesters captured 12 soldiers; they were released after they admitted to trying to break the strikes.', PUB);
  expectNone('Protesters maintained at least 83 roadblocks in the country.', PUB);
  expectNone('On the road to Desaguadero alone, 300 trucks have been stranded for 16 days.', PUB);
  expectNone('A 15-year-old boy was among those who marched.', PUB);
  expectNone('Daniel, 32, an indigenous mine worker from Abancay, joined the protests.', PUB);
  expectNone('78% of Peruvians disapprove of Boluarte while only 15% approve.', PUB);
  expectNone('The government annulled the appointment of 312 sub-prefects across 23 regions.', PUB);
  expectNone('Over 100 journalists and media projects signed a letter against the repression.', PUB);
  expectNone('More than 20,000 Peruvians are the protagonists of the Great March.', PUB);
  expectNone('Soon 30,000 Aymaras would be descending on Juli.', PUB);
  expectNone('The IMF approved a US$ 5 million loan in 2023.', PUB);
});

test('a breakdown by region attaches to the figure before it, and each entry is a subset of its kind and day', () => {
  const text = 'On Sunday, Peru’s Health Ministry acknowledged that 25 people have died during the protests.\n\n' +
    'According to official data, the departments where these deaths occurred were Ayacucho (9), Apurimac (6), Cusco (3), Junin (3), La Libertad (3), and Arequipa (1).\n\n' +
    'The Health ministry also reported 287 injured people who have already been discharged.';
  const got = figures(text, '2022-12-19');
  const entry = (value: number, location: string, region: string) => ({ kind: 'deaths' as const, value, qualifier: 'exact' as const, scope: 'subset' as const, asOf: '2022-12-18', location, region });
  expectFigures(got, [
    { kind: 'deaths', value: 25, scope: 'cumulative', asOf: '2022-12-18' },
    entry(9, 'Ayacucho', 'Ayacucho'), entry(6, 'Apurimac', 'Apurímac'), entry(3, 'Cusco', 'Cusco'), entry(3, 'Junin', 'Junín'),
    entry(3, 'La Libertad', 'La Libertad'), entry(1, 'Arequipa', 'Arequipa'),
    { kind: 'injured', value: 287, scope: 'cumulative', asOf: '2022-12-18', attribution: 'Health Ministry' },
  ]);
  assert.deepEqual(got[0]!.byRegion, [
    { region: 'Ayacucho', value: 9 }, { region: 'Apurímac', value: 6 }, { region: 'Cusco', value: 3 },
    { region: 'Junín', value: 3 }, { region: 'La Libertad', value: 3 }, { region: 'Arequipa', value: 1 },
  ]);
  assert.equal(got.at(-1)!.byRegion, undefined);
});

test('breakdown entries: "(12 each)" counts for both places, a lower-case unit after the name, none without a whole', () => {
  const text = 'The rights group said at least 201 people had been killed across the country since the protests began. ' +
    'The worst-hit province was Sistan-Baluchestan with 82 deaths; after it come Mazandaran (28), Kurdistan (14), Gilan and West Azerbaijan (12 each) and Tehran province (11), the group said.';
  const parts = figures(text, '2022-10-12').filter((f) => f.scope === 'subset' && f.location && f.quote.includes('(28)'));
  assert.deepEqual(parts.map((f) => [f.location, f.value, f.kind, f.asOf]), [
    ['Mazandaran', 28, 'deaths', '2022-10-12'], ['Kurdistan', 14, 'deaths', '2022-10-12'], ['Gilan', 12, 'deaths', '2022-10-12'],
    ['West Azerbaijan', 12, 'deaths', '2022-10-12'], ['Tehran', 11, 'deaths', '2022-10-12'],
  ]);
  // a list of places with numbers in brackets but no casualty count before it is not a breakdown of one
  expectNone('The march drew crowds in Quito (12) and Cuenca (4), organisers said.', PUB);
});

test('an undated incident takes the document’s incident date; headlines are skipped', () => {
  const text = 'Peru Mourns ‘Massacre’ of 17 as Calls Grow for Boluarte to Step Down\n\n' +
    'The Attorney General opened an investigation after over a dozen Peruvians were killed in confrontations with security forces.\n\n' +
    'The crackdown left at least 17 Peruvians dead in the southern city of Juliaca on Monday.';
  expectFigures(figures(text, '2023-01-11'), [
    { kind: 'deaths', value: 12, qualifier: 'more_than', scope: 'incident', asOf: '2023-01-09' },
    { kind: 'deaths', value: 17, qualifier: 'at_least', scope: 'incident', asOf: '2023-01-09', location: 'Juliaca' },
  ]);
});

test('dates: parenthetical date, year roll-back, late January, story-day count without a publication date', () => {
  expectFigures(figures('Last Thursday (December 15) soldiers killed 10 people in Ayacucho.', '2023-01-05'), [
    { kind: 'deaths', value: 10, scope: 'incident', asOf: '2022-12-15', location: 'Ayacucho' },
  ]);
  expectFigures(figures('When I wrote about Peru I never imagined this would still be going on in late January. Despite more than 55 people killed by security forces, the protests are getting bigger.', '2023-01-24'), [
    { kind: 'deaths', value: 55, qualifier: 'more_than', scope: 'cumulative', asOf: '2023-01-24' },
  ]);
  expectFigures(figures('Peru’s coup regime has been in power for 40 days. They’ve killed 46 protesters in that time.', null), [
    { kind: 'deaths', value: 46, scope: 'cumulative', asOf: '2023-01-16' },
  ]);
  expectFigures(figures('On Tuesday, a report showed that soldiers shot to kill in at least 10 cases of citizens killed during protests.', null), [
    { kind: 'deaths', value: 10, qualifier: 'at_least', scope: 'subset', asOf: null, asOfPrecision: null },
  ]);
});

test('UN/NGO style: documented deaths with a subset and a non-official source', () => {
  expectFigures(figures('The UN human rights office said it had documented 49 deaths, including seven minors.', PUB), [
    { kind: 'deaths', value: 49, scope: 'cumulative', attribution: 'United Nations', official: false },
    { kind: 'deaths', value: 7, scope: 'subset' },
  ]);
  expectFigures(figures('According to Amnesty International, security forces unlawfully killed at least 20 protesters in Ayacucho and Juliaca.', PUB), [
    { kind: 'deaths', value: 20, qualifier: 'at_least', attribution: 'Amnesty International', official: false },
  ]);
  expectFigures(figures('President Dina Boluarte apologized for the violence that has so far claimed 47 lives.', PUB), [
    { kind: 'deaths', value: 47, attribution: 'President Dina Boluarte', official: true },
  ]);
});

test('an actor number is not a casualty count', () => {
  expectFigures(figures('Twelve soldiers killed three protesters near the airport on Thursday.', PUB), [
    { kind: 'deaths', value: 3, scope: 'incident' },
  ]);
});

test('dateline dates the dispatch; "said on Monday" dates the count without making it an incident', () => {
  const got = figures('NAIROBI, July 25 (Reuters) - Kenyan police shot dead at least 39 people during protests against tax hikes, the rights commission said on Monday.', '2024-07-25T10:00:00Z', 'en', null);
  expectFigures(got, [{ kind: 'deaths', value: 39, qualifier: 'at_least', scope: 'cumulative', asOf: '2024-07-22' }]);
  expectFigures(figures('President William Ruto said on Sunday that 19 people had died.', '2024-07-25', 'en', null), [
    { kind: 'deaths', value: 19, scope: 'cumulative', asOf: '2024-07-21', attribution: 'President William Ruto', official: true },
  ]);
});

test('news in general: any group noun between number and verb, no gazetteer', () => {
  expectFigures(figures('Gaza’s health ministry says at least 39,145 Palestinians have been killed and 90,257 wounded since October 7.', '2024-07-25', 'en', null), [
    { kind: 'deaths', value: 39145, qualifier: 'at_least', scope: 'cumulative', asOf: '2024-07-25', attribution: 'Health Ministry', official: true },
    { kind: 'injured', value: 90257, qualifier: 'exact', scope: 'cumulative' },
  ]);
  expectFigures(figures('Israeli strikes killed 30 people in Khan Younis on Wednesday, medics said.', '2024-07-25', 'en', null), [
    { kind: 'deaths', value: 30, scope: 'incident', asOf: '2024-07-24', location: 'Khan Younis', region: null },
  ]);
});

test('parts of a whole: "Of the 39 killed, 17…", "10 of the 18 killed", "one of three killed"', () => {
  expectFigures(figures('Of the 39 people killed, 17 died in Nairobi.', PUB, 'en', null), [
    { kind: 'deaths', value: 39, scope: 'cumulative' },
    { kind: 'deaths', value: 17, scope: 'subset', location: 'Nairobi' },
  ]);
  expectFigures(figures('Human Rights Watch found that 10 of the 18 people killed in Juliaca were shot in the head or torso.', PUB), [
    { kind: 'deaths', value: 10, scope: 'subset' },
    { kind: 'deaths', value: 18, location: 'Juliaca' },
  ]);
  expectFigures(figures('The 25-year-old was one of three people killed on Tuesday.', PUB), [
    { kind: 'deaths', value: 3, scope: 'incident', asOf: '2023-01-10' },
  ]);
  expectFigures(figures('At least 60 people have died, 48 of them in clashes.', PUB), [
    { kind: 'deaths', value: 60, qualifier: 'at_least', scope: 'cumulative' },
    { kind: 'deaths', value: 48, scope: 'subset' },
  ]);
});

test('"as of" and "between … and" make a running count dated by the end of the span', () => {
  expectFigures(figures('The Ombudsman’s Office registered 67 deaths related to the protests as of March 31.', '2023-04-03'), [
    { kind: 'deaths', value: 67, scope: 'cumulative', asOf: '2023-03-31', attribution: 'Ombudsman', official: true },
  ]);
  expectFigures(figures('Between 7 December and 15 January, 531 people were injured, according to the Ombudsman’s Office.', '2023-01-16'), [
    { kind: 'injured', value: 531, scope: 'cumulative', asOf: '2023-01-15', attribution: 'Ombudsman' },
  ]);
});

test('comma asides between a count and its verb', () => {
  expectFigures(figures('At least 18 people, including a police officer, were killed in Juliaca.', PUB), [
    { kind: 'deaths', value: 18, qualifier: 'at_least', location: 'Juliaca' },
  ]);
  expectFigures(figures('Eighteen people, most of them young men, died in the clashes in Juliaca on Monday.', PUB), [
    { kind: 'deaths', value: 18, scope: 'incident', asOf: '2023-01-09' },
  ]);
});

test('counts dated before the story starts are background, not the story’s toll', () => {
  expectNone('In November 2020, two protesters were killed during the protests against Merino.', PUB);
  expectNone('In 2020, two protesters were killed in Lima.', PUB);
  expectFigures(figures('More than 80 people were killed in 2023.', '2023-12-07'), [
    { kind: 'deaths', value: 80, asOf: '2023-07-01', asOfPrecision: 'year' },
  ]);
});

test('every quote is an exact slice of the text', () => {
  const text = 'Peru’s coup regime has been in power for 40 days.  They’ve killed 46 protesters in that time.\n\n“One medical worker was killed while administering aid.” Dec. 16 saw 3 arrests.';
  const got = figures(text, PUB);
  assert.ok(got.length >= 3);
  for (const f of got) assert.ok(text.includes(f.quote), f.quote);
  assert.equal(got[0]!.quote, 'They’ve killed 46 protesters in that time.');
});

test('background tolls from before the story are dropped (Truth Commission)', () => {
  expectNone('The internal conflict between 1980 and 2000 left 69,000 dead, according to the Truth Commission.', PUB);
  expectNone('El conflicto armado interno (1980-2000) dejó 69.000 muertos.', PUB, 'es');
});

test('a figure spread over a breakdown in its own sentence has no single location', () => {
  const got = figures('Nevertheless, 69 people remain hospitalized in Ayacucho (20), Junin (17), La Libertad (12), Ucayali (6), Apurimac (5), Lima (4), Arequipa (4), and Huancavelica (1).', '2022-12-19');
  expectFigures(got.slice(0, 1), [{ kind: 'injured', value: 69, scope: 'subset', location: null, region: null }]);
  assert.equal(got[0]!.byRegion?.length, 8);
  assert.deepEqual(got.slice(1).map((f) => [f.location, f.value, f.scope]), [
    ['Ayacucho', 20, 'subset'], ['Junin', 17, 'subset'], ['La Libertad', 12, 'subset'], ['Ucayali', 6, 'subset'],
    ['Apurimac', 5, 'subset'], ['Lima', 4, 'subset'], ['Arequipa', 4, 'subset'], ['Huancavelica', 1, 'subset'],
  ]);
  assert.deepEqual(got[0]!.byRegion?.[1], { region: 'Junín', value: 17 });
});

test('labels, "less than", and ages after "aged"', () => {
  expectFigures(figures('Death toll: 47.', PUB), [{ kind: 'deaths', value: 47, scope: 'cumulative' }]);
  expectFigures(figures('Less than 10 people were injured on Monday.', PUB), [{ kind: 'injured', value: 10, qualifier: 'up_to', asOf: '2023-01-09' }]);
  expectNone('A boy aged 17 was killed in Juliaca.', PUB);
});

test('a relative clause between the people counted and their verb: "three men who had been shot on Friday died"', () => {
  expectFigures(figures('Three men who had been shot near the square died in hospital on Sunday.', '2024-07-29', 'en', null), [
    { kind: 'deaths', value: 3, scope: 'incident', asOf: '2024-07-28' },
  ]);
  expectFigures(figures('Cuatro personas que habían recibido disparos fallecieron este domingo en el hospital.', '2024-07-29', 'es', null), [
    { kind: 'deaths', value: 4, scope: 'incident', asOf: '2024-07-28' },
  ]);
});

test('"estimated that N" is approximate; the new value of a change ("rose from 40 to 52") is no range top', () => {
  expectFigures(figures('The group estimated that 2,300 people had been arrested since the protests began.', '2022-12-07', 'en', null), [
    { kind: 'detained', value: 2300, qualifier: 'approximately' },
  ]);
  expectFigures(figures('The death toll rose from 40 to 52 people killed, the ministry said.', '2022-12-07', 'en', null).filter((f) => f.value === 52), [
    { kind: 'deaths', value: 52, qualifier: 'exact' },
  ]);
});

test('"the toll rose on Thursday to at least 17": when it rose, between the verb and its "to", and the parts after it', () => {
  expectFigures(figures('The official toll rose on Thursday to at least 17, five of them police officers, local media reported.', PUB, 'en', null), [
    { kind: 'deaths', value: 17, qualifier: 'at_least', scope: 'cumulative', asOf: '2023-01-12' },
    { kind: 'deaths', value: 5, qualifier: 'exact', scope: 'subset', asOf: '2023-01-12' },
  ]);
  expectFigures(figures('The toll has risen overnight to 23.', PUB, 'en', null), [{ kind: 'deaths', value: 23, qualifier: 'exact', scope: 'cumulative' }]);
});

test('a toll given as a range "from X to Y" has both bounds; a toll that "rose from X to Y" is Y', () => {
  expectFigures(figures('Estimates of the overall death toll range from 700 to 1,300.', '2024-08-20', 'en', null), [
    { kind: 'deaths', value: 700, qualifier: 'at_least', scope: 'cumulative' },
    { kind: 'deaths', value: 1300, qualifier: 'up_to', scope: 'cumulative' },
  ]);
  expectFigures(figures('The death toll rose from 21 to 27, the ministry said.', '2024-08-20', 'en', null), [{ kind: 'deaths', value: 27, qualifier: 'exact', scope: 'cumulative' }]);
});

test('"nine of the protester killings it recorded": a part of a count, kept out of the toll', () => {
  const got = figures('In at least nine of the protester killings it has documented, witnesses blame armed civilian groups.', '2023-01-12T15:30:00Z');
  assert.equal(got[0]?.scope, 'subset', got.map((f) => `${f.value} ${f.scope}`).join(', '));
});

test('an undated count restricted to a place is a share of the last larger count of its kind, and takes its day', () => {
  const text = 'A rights group said on Friday that at least 90 people were shot dead on March 3 across the country. ' +
    'Officials had spoken of 30. ' +
    'Within Puno, the group counts 20 killed in Juliaca, 12 in Ilave and five in Juli.';
  const got = figures(text, '2024-04-12').filter((f) => f.location);
  assert.deepEqual(got.map((f) => [f.value, f.scope, f.asOf]), [[20, 'subset', '2024-03-03'], [12, 'subset', '2024-03-03'], [5, 'subset', '2024-03-03']]);
});

test('an undated subset by victim type takes the day of the larger count before it, unless another voice speaks', () => {
  const text = 'The unrest that swept the country in January claimed the lives of 230 people, the prosecutor general said on Monday. ' +
    'Most of those who died were civilians. ' +
    'Guards at public buildings killed 86 assailants while attacks were being repelled, he said. ' +
    'The interior ministry, for its part, has counted the deaths of 21 police officers.';
  const got = figures(text, '2023-03-14');
  assert.deepEqual(got.map((f) => [f.value, f.scope, f.asOf]), [[230, 'cumulative', '2023-01-31'], [86, 'subset', '2023-01-31'], [21, 'subset', '2023-03-14']]);
});

test('an aside between the people counted and their verb, or two groups joined, still make a count', () => {
  expectFigures(figures('The rights group said at least 106 protesters, spread over 21 cities, have been killed since the demonstrations began.', PUB), [
    { kind: 'deaths', value: 106, qualifier: 'at_least', scope: 'cumulative' },
  ]);
  const dashed = figures('Roughly 1,500 people - at least 17 teenagers and about 400 women among them - were killed in two weeks of unrest.', PUB);
  assert.deepEqual(dashed.map((f) => [f.kind, f.value]), [['deaths', 1500], ['deaths', 17], ['deaths', 400]]);
  expectFigures(figures('At least 100 protesters and bystanders were killed in Juliaca on Monday.', PUB), [{ kind: 'deaths', value: 100, scope: 'incident' }]);
});

test('a count in words restated in digits in brackets ("forty (40) people were killed") is one count', () => {
  expectFigures(figures('At least forty (40) people were killed and eighty-two (82) others were injured during the ten days of protests.', '2019-03-19', 'en', null), [
    { kind: 'deaths', value: 40, qualifier: 'at_least' },
    { kind: 'injured', value: 82 },
  ]);
  // a bracket that says another number is not a restatement
  expectFigures(figures('Two (3 according to the police) people died.', '2019-03-19', 'en', null).filter((f) => f.value === 3), []);
});

test('"brings to two the number of people known to have died": the toll named after its number', () => {
  expectFigures(figures('A second marcher died in hospital overnight, which brings to two the number of people known to have died since the vote.', '2023-01-12', 'en'), [
    { kind: 'deaths', value: 2, scope: 'cumulative' },
  ]);
  expectFigures(figures('Officials raised to 14 the number of people confirmed to have been killed in the unrest.', '2023-01-12', 'en'), [
    { kind: 'deaths', value: 14, scope: 'cumulative' },
  ]);
});

test('"law enforcement officers" are a group of victims: their count, and its part told in an aside, are read', () => {
  expectFigures(figures('The interior ministry said 64 law enforcement officers, 11 of whom remain in hospital, were injured in the clashes.', '2023-01-12', 'en'), [
    { kind: 'injured', value: 64, scope: 'subset' },
    { kind: 'injured', value: 11, scope: 'subset' },
  ]);
});

test('"the number of people held … to more than 6,700": a running count of detentions', () => {
  expectFigures(figures('The raids brought the number of people held since the vote to more than 2,300, the interior ministry said.', '2023-01-12', 'en'), [
    { kind: 'detained', value: 2300, qualifier: 'more_than', scope: 'cumulative' },
  ]);
});

test('"the toll rose by 12 to 45": the value it rose to is the toll', () => {
  expectFigures(figures('The death toll rose by 12 to 45 on Wednesday, the health ministry said.', '2023-01-12', 'en'), [
    { kind: 'deaths', value: 45, qualifier: 'exact', scope: 'cumulative' },
  ]);
  expectFigures(figures('The toll climbed by three to 48, officials said.', '2023-01-12', 'en'), [
    { kind: 'deaths', value: 48, qualifier: 'exact', scope: 'cumulative' },
  ]);
});

test('who they were, then a death verb, is their fate: "eight other detainees died" are deaths, not arrests', () => {
  // (the dead among the detained or the injured are a part by who they were: never the toll)
  const read = (text: string, language: 'en' | 'es') => figures(text, '2023-02-23', language, null).map((f) => `${f.kind} ${f.value} ${f.scope}`);
  assert.deepEqual(read('Eight other detainees died as a result of the ill-treatment.', 'en'), ['deaths 8 subset']);
  assert.deepEqual(read('Three injured people later died in hospital.', 'en'), ['deaths 3 subset']);
  assert.deepEqual(read('Dos heridos fallecieron después en el hospital.', 'es'), ['deaths 2 subset']);
  assert.deepEqual(read('Twelve detainees were released on bail.', 'en'), []);
});

test('a count revised to a new value counts the same: "before later revising it to 73", "cifra que luego elevó a 73"', () => {
  const read = (text: string, language: 'en' | 'es') => figures(text, '2023-02-23', language, null).map((f) => `${f.kind} ${f.value}`);
  assert.deepEqual(read('The government first said 70 people had died, before later revising it to 73.', 'en'), ['deaths 70', 'deaths 73']);
  assert.deepEqual(read('El Gobierno cifró en 70 los muertos, cifra que luego elevó a 73.', 'es'), ['deaths 70', 'deaths 73']);
  // (what is raised must be the count: an alert level is not)
  assert.deepEqual(read('Police said 70 people had died and raised the alert level to 3.', 'en'), ['deaths 70']);
  // the count of the sentence before, revised under a possessive; Spanish "a" is no English verb's "to"
  assert.deepEqual(read('Rights groups counted 300 dead. The president later raised his own number to 195.', 'en'), ['deaths 300', 'deaths 195']);
  assert.deepEqual(read('Two people died on Monday. The deaths have pushed a two-month-old confrontation into darker territory.', 'en'), ['deaths 2']);
  // ("hasta los 50", "a las 35": the Spanish article before the new value)
  assert.deepEqual(read('El Ministerio informó de 21 muertos. Fuentes sindicales elevan la cifra hasta los 50.', 'es'), ['deaths 21', 'deaths 50']);
});

test('a toll told with a hedge or a tally: "was probably at least 900", "put the number of dead above 400", "remains at six"', () => {
  const read = (text: string, language: 'en' | 'es' = 'en') => figures(text, '2020-09-11', language, null).map((f) => `${f.kind} ${f.qualifier} ${f.value} ${f.scope}`);
  assert.deepEqual(read('The real number of dead was probably at least 900, activists said.'), ['deaths at_least 900 cumulative']);
  assert.deepEqual(read('The true toll is likely at least 900.'), ['deaths at_least 900 cumulative']);
  assert.deepEqual(read('Police put the number of dead above 400.'), ['deaths more_than 400 cumulative']);
  assert.deepEqual(read('The official tally of deaths remains at six.'), ['deaths exact 6 cumulative']);
  assert.deepEqual(read('El número real de muertos sería de al menos 900.', 'es'), ['deaths at_least 900 cumulative']);
  // (a toll reported before is an earlier value, not read as this one)
  assert.deepEqual(read('The toll they had reported previously was 40.'), []);
});

test('the plain verb of an arrest ("Security forces detain 30 activists", "managed to arrest 41 suspects"), not an order to arrest', () => {
  const read = (text: string) => figures(text, '2020-10-30', 'en', null).map((f) => `${f.kind} ${f.value}`);
  assert.deepEqual(read('Police said they had managed to arrest 41 suspects on Friday.'), ['detained 41']);
  assert.deepEqual(read('Security forces detain 30 activists.'), ['detained 30']);
  assert.deepEqual(read('A judge issued warrants to arrest 12 leaders.'), []);
  assert.deepEqual(read('The order to arrest 12 leaders was issued.'), []);
});
