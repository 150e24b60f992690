// The publication date of a page, read from its byline line, measured over the ways outlets combine the same parts:
// an author or outlet, a cue ("Published", "Publicado el"), the date in one of the forms newspapers print, and a time.
// The parts are written for this test from the general shapes of news sites' bylines, not copied from any page; every
// combination must give the same day, on the line alone and on a page under a headline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBylineLine } from '../../src/documents/byline.ts';
import { splitPosts } from '../../src/documents/split.ts';

const DAY = '2019-11-12';

const PARTS = {
  en: {
    contexts: ['', 'By Ana Ruiz | ', 'Ana Ruiz | The Daily Mirror | ', 'Reuters | ', 'LIMA | ', 'By Ana Ruiz, Reuters | ', 'The Andean Post - ', 'By Ana Ruiz and Luis Paz · ', 'Staff reporter — '],
    cues: ['', 'Published ', 'Published: ', 'Posted ', 'Posted on ', 'Published on ', 'First published ', 'Released '],
    dates: ['November 12, 2019', 'Nov 12, 2019', 'Nov. 12, 2019', '12 November 2019', '12 Nov 2019', 'Tuesday, November 12, 2019', 'Tue 12 Nov 2019', 'Tue, 12 Nov 2019', '2019-11-12', 'Nov 12 2019', '12th November 2019', 'November 12th, 2019', '12 Nov. 2019', 'NOVEMBER 12, 2019', 'Tuesday 12 November 2019'],
    times: ['', ' 10:12', ' 10:12 a.m.', ' 10:12 GMT', ' at 10:12 am', ', 10:12 AM EST', ' - 10:12', ' | 10:12 ET', ' 10.12 GMT', ' 10:12 am ET', ' 22:12 UTC', ', 10:12 p.m. ET'],
  },
  es: {
    contexts: ['', 'Por Ana Ruiz | ', 'Ana Ruiz | El Diario | ', 'EFE | ', 'Lima | ', 'Redacción | ', 'Por Ana Ruiz, enviada especial - ', 'La República · ', 'Agencia EFE / '],
    cues: ['', 'Publicado: ', 'Publicado el ', 'Fecha: ', 'Fecha de publicación: ', 'Publicada el ', 'Actualizado: 13/11/2019 | Publicado: '],
    dates: ['12 de noviembre de 2019', '12 nov 2019', '12/11/2019', '12/11/19', 'martes 12 de noviembre de 2019', 'Martes, 12 de noviembre de 2019', 'mar., 12 nov. 2019', '12-11-2019', '12.11.2019', 'noviembre 12 de 2019', 'Noviembre 12, 2019', '12 de nov. de 2019', '12 noviembre, 2019', '12 de noviembre del 2019', '2019-11-12', '12 de Noviembre de 2019'],
    times: ['', ' 10:12', ' - 10:12 h', ', 10:12 hs', ' | 10:12', ' a las 10:12', ' 10:12 a. m.', ' - 10:12 p.m.', ' 10:12 (GMT-5)', ' - 22:12 horas', ' · 10:12', ' - 10:12 a.m. (hora de Lima)'],
  },
} as const;

/** Every date with every time, the contexts and cues taken in turn, so each part meets many of the others. */
function lines(language: keyof typeof PARTS): string[] {
  const { contexts, cues, dates, times } = PARTS[language];
  return dates.flatMap((date, i) => times.map((time, j) => `${contexts[(i + j) % contexts.length]}${cues[(i * 3 + j) % cues.length]}${date}${time}`));
}

function pageDate(line: string, language: string): string | null | undefined {
  const page = `Police say 12 people were killed in the capital\n${line}\n\nThe police said on Monday that twelve people had been killed in clashes with the security forces in the capital.\n`;
  return splitPosts(page, { language })[0]?.published;
}

for (const language of ['en', 'es'] as const) {
  test(`${language} byline lines: every combination of author, cue, date form and time gives the day`, () => {
    const wrong = lines(language).filter((line) => !parseBylineLine(line, language)?.published?.startsWith(DAY) || !pageDate(line, language)?.startsWith(DAY));
    assert.deepEqual(wrong, []);
  });
}

test('a time told first, a reading time, or an update in brackets beside the date', () => {
  const cases: [string, string][] = [
    ['EFE | 10:12 hs - 12/11/2019', 'es'],
    ['10:12 - 12/11/2019', 'es'],
    ['Reuters | 12 November 2019 · 3 min read', 'en'],
    ['Por Ana Ruiz | 12 nov 2019 · Lectura de 3 min', 'es'],
    ['12 nov 2019 · 4 minutos de lectura', 'es'],
    ['By Ana Ruiz | November 12, 2019 (Updated November 13, 2019)', 'en'],
    ['12/11/19 - 10:12', 'es'],
  ];
  for (const [line, language] of cases) assert.equal(parseBylineLine(line, language)?.published, DAY, line);
  // A two-digit year on an English page leaves the order open: the story's own dates decide, as with four digits.
  assert.deepEqual(parseBylineLine('By Ana Ruiz | 12/11/19', 'en')?.readings, ['2019-11-12', '2019-12-11']);
});

test('a short-field byline with a date is kept, while a menu of short items is dropped', () => {
  assert.equal(pageDate('Ana Ruiz | El Diario | 12/11/2019 | 10:12', 'es'), DAY);
  const page = 'Home | World | Politics | Sports\nPolice say 12 people were killed in the capital\nBy Ana Ruiz | 12 November 2019\n\nThe police said on Monday that twelve people had been killed in clashes with the security forces in the capital.\n';
  assert.doesNotMatch(splitPosts(page, { language: 'en' })[0]!.text, /Politics/);
});

test("a statement's label before its date, an infobox's span of dates, and an encyclopedia page's own date", () => {
  assert.equal(parseBylineLine('Human Rights Watch — Declaración pública, 3 de marzo de 2021', 'es')?.published, '2021-03-03');
  assert.equal(parseBylineLine('Rights Office | Public statement, 3 March 2021', 'en')?.published, '2021-03-03');
  // "Fecha: 9 de septiembre – 21 de septiembre de 2020" gives when the events ran, not when the page was written
  assert.equal(parseBylineLine('Fecha: 9 de septiembre – 21 de septiembre de 2020', 'es'), null);
  assert.equal(parseBylineLine('Date: March 3 - March 12, 2021', 'en'), null);
  // (or one still open: "– present", "– presente (2 meses)")
  assert.equal(parseBylineLine('Date: 3 March 2021 – present', 'en'), null);
  assert.equal(parseBylineLine('Fecha: 3 de marzo de 2021 – presente (2 meses)', 'es'), null);
  const infobox = (chrome: string) =>
    splitPosts(`Road blockades of March 2021\n${chrome}\n\nRoad blockades of March 2021\nFecha: 3 de marzo – 12 de marzo de 2021\nMuertos: 31\n\nThe road blockades of March 2021 were a wave of strikes and blockades across the northern provinces of the country.\n`, { language: 'es' })[0]?.published;
  assert.equal(infobox('From the free encyclopedia (page last edited on 9 April 2024)'), '2024-04-09');
  assert.equal(infobox('From the free encyclopedia | Page revision of 14 January 2023'), '2023-01-14');
  assert.equal(infobox('La enciclopedia libre · Esta página se editó por última vez el 2 mar 2022'), '2022-03-02');
});

test("a one-day infobox's date row on an encyclopedia copy is the events' day: the copy's version line, above the repeated title, dates the page", () => {
  // (our own lines, in the form of the Bagua 2009 page: its version line sits above the article's repeated title)
  const page = (dateRow: string) =>
    splitPosts(`Road blockades of March 2021\nLa enciclopedia libre · versión del 3 de octubre de 2022\n\nRoad blockades of March 2021\nParte de la crisis de 2021\n${dateRow}\nResultado: 31 muertos\n\nThe road blockades of March 2021 were a wave of strikes and blockades across the northern provinces of the country.\n`, { language: 'es' });
  assert.deepEqual(page('Fecha: 5 de marzo de 2021').map((post) => post.published), ['2022-10-03']);
  // a news page's dated byline still dates it
  const news = splitPosts('Police say 12 people were killed\nFecha: 12 de noviembre de 2019\n\nThe police said on Monday that twelve people had been killed in clashes with the security forces in the capital.\n', { language: 'es' });
  assert.equal(news[0]?.published, '2019-11-12');
});

test('names alone on their lines under the headline, then the date: the page is dated and the names are its byline', () => {
  const cases: [string[], string, string, string | null][] = [
    [['Ana Ruiz', 'November 12, 2019 at 10:12 p.m. EST'], 'en', 'Ana Ruiz', null],
    [['Ana Ruiz and Luis Paz', 'Associated Press', 'November 12, 2019'], 'en', 'Ana Ruiz and Luis Paz', 'Associated Press'],
    [['Ana Ruiz y Luis Paz', 'El Diario', '12 de noviembre de 2019 - 10:12 a. m.'], 'es', 'Ana Ruiz y Luis Paz', 'El Diario'],
  ];
  for (const [header, language, byline, outlet] of cases) {
    const page = `Police say 12 people were killed in the capital\n${header.join('\n')}\n\nThe police said on Monday that twelve people had been killed in clashes with the security forces in the capital.\n`;
    const post = splitPosts(page, { language })[0]!;
    assert.equal(post.published?.slice(0, 10), DAY, header.join(' / '));
    assert.equal(post.byline, byline);
    assert.equal(post.outlet, outlet);
    assert.ok(!post.text.includes(byline), 'the names leave the story text');
  }
  // A short line of names not followed by a date stays in the story.
  const undated = splitPosts('Police say 12 people were killed in the capital\nAna Ruiz\n\nThe police said on Monday that twelve people had been killed in clashes.\n', { language: 'en' })[0]!;
  assert.equal(undated.published, null);
});

test('a page dated only by its update line, with the time after it, takes that day', () => {
  const cases: [string, string][] = [
    ['Actualizado el 12/11/2019 a las 10:12 h', 'es'],
    ['Last updated: November 12, 2019 - 10:12', 'en'],
    ['Updated on 12 November 2019 at 10:12', 'en'],
  ];
  for (const [line, language] of cases) {
    const page = `Police say 12 people were killed in the capital\n${line}\n\nThe police said on Monday that twelve people had been killed in clashes with the security forces in the capital.\n`;
    assert.equal(splitPosts(page, { language })[0]?.published?.slice(0, 10), DAY, line);
  }
});

test('a byline whose only date is its update ("Europa Press · Internacional · Actualizado: viernes, 14 enero 2011 17:10") dates the page', () => {
  assert.equal(parseBylineLine('Europa Press · Internacional · Actualizado: martes, 12 noviembre 2019 10:12', 'es')?.published, DAY);
  assert.equal(parseBylineLine('Reuters | Updated November 12, 2019 10:12 ET', 'en')?.published, DAY);
  // An update alone on its line is no byline; a publication beside it still wins.
  assert.equal(parseBylineLine('Last Modified: November 12, 2019', 'en'), null);
  assert.equal(parseBylineLine('EFE | Actualizado: 13/11/2019 | Publicado: 12/11/2019', 'es')?.published, DAY);
});
