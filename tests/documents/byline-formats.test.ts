// Byline and dateline shapes seen on news pages of other crises (lines written for this test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBylineLine } from '../../src/documents/byline.ts';
import { wireDatelineDate } from '../../src/documents/dates.ts';
import { splitPosts } from '../../src/documents/split.ts';

test('bylines with a weekday, a credit, a section word, a Spanish month-first date, an "at" time or a "--" separator', () => {
  const cases: [string, string, string][] = [
    ['Diario Andino | Quito, jueves 10 de octubre de 2019 | Redacción con AFP', 'es', '2019-10-10'],
    ['La Voz | Opinión | Editorial | miércoles 16 de octubre de 2019', 'es', '2019-10-16'],
    ['Octubre 12, 2019 - 7:10 pm', 'es', '2019-10-12'],
    ['Sábado, 12 de octubre de 2019 - 19:10', 'es', '2019-10-12'],
    ['Oct. 12, 2019, at 7:10 p.m.', 'en', '2019-10-12'],
    ['Quito (AFP) -- Oct 12, 2019', 'en', '2019-10-12'],
    ['Comment by the rights office spokesperson Ana Ruiz | Geneva, 22 July 2022', 'en', '2022-07-22'],
    ['Staff Correspondent | Published at 10:30 PM, Thu Jul 25, 2024', 'en', '2024-07-25'],
    ['Agosto 9 de 2021', 'es', '2021-08-09'],
    ['Issued on 4 March 2023', 'en', '2023-03-04'],
    ['Fecha: 4 de marzo de 2023', 'es', '2023-03-04'],
  ];
  for (const [line, language, date] of cases) assert.equal(parseBylineLine(line, language)?.published, date, line);
  assert.equal(parseBylineLine('Last updated on 12 October 2019', 'en'), null, 'an update is not the publication');
});

test('bylines with "del" before the year, slashes between fields, "first published", or a name and a date with no separator', () => {
  const cases: [string, string, string][] = [
    ['Sábado 12 de octubre del 2019', 'es', '2019-10-12'],
    ['Quito, 12 de mayo del 2021', 'es', '2021-05-12'],
    ['Publicado: mayo 12, 2021 10:35 PM', 'es', '2021-05-12'],
    ['AFP / 12 mayo 2021', 'es', '2021-05-12'],
    ['Ana Ruiz / El Diario / 12 de octubre de 2019', 'es', '2019-10-12'],
    ['Europa Press 12/05/2021', 'es', '2021-05-12'],
    ['May 12, 2021 / 10:35 PM / Updated 2 years ago', 'en', '2021-05-12'],
    ['First published on Wed 12 May 2021 22.35 BST', 'en', '2021-05-12'],
    ['By ANA RUIZ Associated Press May 12, 2021, 10:35 PM', 'en', '2021-05-12'],
  ];
  for (const [line, language, date] of cases) assert.equal(parseBylineLine(line, language)?.published, date, line);
  // A headline that ends with a date is no byline.
  assert.equal(parseBylineLine('Protests resume in Quito on May 12, 2021', 'en'), null);
  assert.equal(parseBylineLine('Published Jan 10, 2023 | Updated Jan 11, 2023', 'en')?.published, '2023-01-10');
});

test('a wire dateline may name the country in parentheses', () => {
  assert.deepEqual(wireDatelineDate('EL ALTO (Bolivia), 19 nov (EFE).-'), { month: 11, day: 19, year: null, length: 33 });
});

test("a press release's dateline gives its full date in parentheses after the place", () => {
  assert.equal(wireDatelineDate('BERN (4 March 2023) – The office said')?.year, 2023);
  assert.deepEqual(wireDatelineDate('Lisboa (9 de agosto de 2021).- La oficina dijo'), { month: 8, day: 9, year: 2021, length: 30 });
  assert.deepEqual(wireDatelineDate('Ottawa, Ontario (March 4, 2023) — The office said'), { month: 3, day: 4, year: 2023, length: 33 });
  assert.equal(wireDatelineDate('Lisboa (Portugal) dijo hoy'), null);
});

test('one article under one byline keeps its subheadings as sections, not as undated posts', () => {
  const text = [
    'Masacre en el valle, dos años después: diez muertos y 98 heridos',
    'Opinión | Ciudad Norte, sábado 13 de noviembre de 2021 | Redacción',
    '',
    'Diez personas muertas y 98 heridas: ese fue el saldo de la jornada del 15 de noviembre de 2019 en el valle, según los registros.',
    '',
    'El llamado a marchar',
    '',
    'Tras la crisis, las federaciones campesinas convocaron una marcha hacia la ciudad que salió el 14 de noviembre de madrugada.',
    '',
    'Dos años sin justicia',
    '',
    'A dos años de los hechos, los familiares y los heridos siguen reclamando justicia ante los tribunales del departamento.',
  ].join('\n');
  const posts = splitPosts(text, { language: 'es' });
  assert.equal(posts.length, 1);
  assert.equal(posts[0]!.published, '2021-11-13');
  assert.match(posts[0]!.text, /Dos años sin justicia/);
});

test('a numeric byline date an English page leaves open is read the way the story\'s own dates support', () => {
  const story = (byline: string, body: string) => splitPosts(`Police arrest 45 after a protest turns violent\nColombo Daily | ${byline}\n\n${body}\n`, { language: 'en' })[0]?.published;
  assert.equal(story('06/04/2022', 'Police said on Friday that 45 people had been arrested after the protest of March 31, 2022 near the residence turned violent.'), '2022-04-06');
  assert.equal(story('04/06/2022', 'Police said that 45 people had been arrested after the protest of June 1, 2022 near the residence turned violent.'), '2022-06-04');
});

test('bylines naming a long organisation as the outlet, or several authors each with the place they write from', () => {
  assert.deepEqual(parseBylineLine('By Staff Reporter | The Centre for Independent Investigative Journalism | Sunday, March 3, 2024', 'en'), {
    byline: 'Staff Reporter', outlet: 'The Centre for Independent Investigative Journalism', published: '2024-03-03',
  });
  assert.equal(parseBylineLine('Observatorio de Derechos Humanos de la Región Andina | Comunicado | 4 de marzo de 2024', 'es')?.published, '2024-03-04');
  assert.deepEqual(parseBylineLine('By Ana Ruiz, Lagos; Tomas Obi and Eva Sol, Kano | The Daily Ledger | Monday, March 4, 2024', 'en'), {
    byline: 'Ana Ruiz, Tomas Obi, Eva Sol', outlet: 'The Daily Ledger', published: '2024-03-04',
  });
  // a headline is still no outlet: no date, no author
  assert.equal(parseBylineLine('Protesters and police clash again in the capital | Live', 'en'), null);
});

test('a headline may open with a hashtag; the byline under it still dates the page', () => {
  const page = ['#FreeTheStreets: Police say 40 protesters held after march', 'By Staff Reporter | The Daily Ledger | Sunday, March 3, 2024', '', 'Police in the capital said on Saturday that 40 protesters had been held after a march against the new law.'].join('\n');
  const [post] = splitPosts(page, { language: 'en' });
  assert.equal(post?.title, '#FreeTheStreets: Police say 40 protesters held after march');
  assert.equal(post?.published, '2024-03-03');
});

test('a weekday decides a numeric date the language leaves open, and never hands a Spanish date to an English reading', () => {
  const cases: [string, string, string | null][] = [
    ['Sábado 4/3/2023', 'es', '2023-03-04'],
    ['Posted: Sat, 03/04/2023 - 10:45', 'en', '2023-03-04'],
    ['Mon 03/04/2023', 'en', '2023-04-03'],
    ['Madrid | 04 mar 2023 - 10:45 CET', 'es', '2023-03-04'],
    ['Nairobi - 4 March 2023 - 10:45 EAT', 'en', '2023-03-04'],
    ['Updated March 5, 2023; Published March 4, 2023', 'en', '2023-03-04'],
    ['Last Modified: March 5, 2023 | Published: March 4, 2023', 'en', '2023-03-04'],
    ['Actualizado: 05/03/2023 Publicado: 04/03/2023', 'es', '2023-03-04'],
  ];
  for (const [line, language, date] of cases) assert.equal(parseBylineLine(line, language)?.published, date, line);
  assert.equal(parseBylineLine('Last Modified: March 5, 2023', 'en'), null, 'an update alone is not the publication');
  assert.equal(parseBylineLine('diario.com — Especial 20 años — Lunes 20 de diciembre de 2021', 'es')?.published, '2021-12-20', 'a section label after the outlet');
});

test('a credit before the date, a label line over it, or only a "last updated" line still date a text page', () => {
  const body = 'The ombudsman said five people died in the protests across the country this week, and asked for calm.\n\n' +
    'The government has called for talks with the leaders of the movement, who say the strike will go on.';
  const published = (header: string) => splitPosts(`Five dead in protests\n${header}\n\n${body}\n`, { language: 'en' })[0]?.published;
  assert.equal(published('Source: The Daily, 12 October 2019'), '2019-10-12');
  assert.equal(published('Press release\n12 October 2019'), '2019-10-12');
  assert.equal(published('Last updated: 12 October 2019'), '2019-10-12');
  assert.equal(published('Updated 13 October 2019 | Published 12 October 2019'), '2019-10-12');
});

test('a newsroom signing as the outlet, an organisation\'s long name closed by its initials, a standfirst before the byline on its line', () => {
  const body = 'El defensor dijo que cinco personas murieron en las protestas de esta semana en todo el país y pidió calma.\n\n' +
    'El gobierno convocó a los dirigentes del movimiento, que anuncian que la huelga sigue.';
  const post = (header: string, language = 'es') => splitPosts(`Cinco muertos en las protestas\n${header}\n\n${body}\n`, { language })[0];
  assert.equal(post('By City Paper staff | Tuesday, November 26, 2019', 'en')?.published, '2019-11-26');
  assert.equal(post('By City Paper staff | Tuesday, November 26, 2019', 'en')?.outlet, 'City Paper');
  const office = post('Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos (ACNUDH) · Comunicado de prensa · Ginebra, 6 de diciembre de 2019');
  assert.equal(office?.published, '2019-12-06');
  // the standfirst is the story's text and stays in it
  const decked = post('El estudiante, de 22 años, llevaba en coma desde la madrugada del lunes | Hong Kong, 8 de noviembre de 2019');
  assert.equal(decked?.published, '2019-11-08');
  assert.match(decked?.text ?? '', /^El estudiante, de 22 años, llevaba en coma desde la madrugada del lunes\n/);
  assert.doesNotMatch(decked?.text ?? '', /Hong Kong, 8 de noviembre/);
});
