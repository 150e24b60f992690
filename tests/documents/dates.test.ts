import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBylineLine, parseTrailerLine } from '../../src/documents/byline.ts';
import { lastEditedDate, normalizeIsoDate, parseDateString, publicationDateCue, wireDatelineDate, yearOfDay } from '../../src/documents/dates.ts';

describe('dates', () => {
  it('parses whole-string dates in English, Spanish, ISO and day.month.year', () => {
    assert.equal(parseDateString('December 19, 2022'), '2022-12-19');
    assert.equal(parseDateString('MARCH 10, 2023'), '2023-03-10');
    assert.equal(parseDateString('10.01.2023'), '2023-01-10', 'day.month.year, not October 1');
    assert.equal(parseDateString('3 de enero de 2023'), '2023-01-03');
    assert.equal(parseDateString('Tuesday, January 10, 2023 at 5:32 pm'), '2023-01-10');
    assert.equal(parseDateString('2023-01-03'), '2023-01-03');
    assert.equal(parseDateString('2023/01/03'), '2023-01-03');
  });

  it('refuses partial, ambiguous or impossible dates', () => {
    assert.equal(parseDateString('December 7'), null, 'no year: never guessed');
    assert.equal(parseDateString('January 2023'), null);
    assert.equal(parseDateString('01/02/2023'), null);
    assert.equal(parseDateString('31.02.2023'), null);
    assert.equal(parseDateString('1066-10-14'), null);
  });

  it('reads numeric dates in the order the page\'s language writes them, a clock time after them allowed', () => {
    assert.equal(parseDateString('07/03/2022 - 09:15', 'es'), '2022-03-07', 'Spanish: day first');
    assert.equal(parseDateString('07/03/2022', 'pt'), '2022-03-07');
    assert.equal(parseDateString('07/03/2022 - 09:15', 'en'), null, 'English: March 7 or July 3, undecided');
    assert.equal(parseDateString('07/03/2022'), null, 'unknown language: undecided');
    assert.equal(parseDateString('25/03/2022 18:40', 'en'), '2022-03-25', 'a component over 12 decides');
    assert.equal(parseDateString('03/25/2022', 'en'), '2022-03-25');
    assert.equal(parseDateString('31/02/2022', 'es'), null);
  });

  it('reads the date of a wire dateline, with or without its year, and not of a sentence that opens with a place', () => {
    assert.deepEqual(wireDatelineDate('LIMA, 4 feb (EFE).- El ministro del Interior dijo este viernes que…'), { month: 2, day: 4, year: null, length: 19 });
    assert.deepEqual(wireDatelineDate('CARACAS, 12 ago (AFP) —'), { month: 8, day: 12, year: null, length: 23 });
    assert.deepEqual(wireDatelineDate('Quito, 9 de octubre de 2019 (Reuters) - Thousands marched…')?.year, 2019);
    assert.deepEqual(wireDatelineDate('MANILA, March 3 (Reuters) - Police said…'), { month: 3, day: 3, year: null, length: 27 });
    assert.equal(wireDatelineDate('Quito, 22 de mayo, fue el día más violento de la semana.'), null);
    assert.equal(wireDatelineDate('On 4 feb (EFE) the ministry said'), null);
    assert.equal(wireDatelineDate('LIMA, 31 feb (EFE) —'), null);
    // a press release's place and date on a line of their own; within a sentence they need their dash
    assert.deepEqual(wireDatelineDate('GENEVA (22 November 2022)'), { month: 11, day: 22, year: 2022, length: 25 });
    assert.equal(wireDatelineDate('Ginebra (22 de noviembre de 2022) la oficina dijo'), null);
  });

  it('finds the year of a year-less dateline from the story\'s span and the weekday the text gives as today', () => {
    const now = '2025-06-01';
    const after = '2022-12-07';
    assert.equal(yearOfDay('--02-04', 'Sin fecha en el texto.', { after, notAfter: now }), '2023-02-04', 'first Feb 4 after the story began');
    assert.equal(yearOfDay('--02-04', 'El ministro dijo este domingo que…', { after, notAfter: now }), '2024-02-04', 'Feb 4 was a Sunday in 2024');
    assert.equal(yearOfDay('--02-04', 'The minister said this Saturday that…', { after, notAfter: now }), '2023-02-04');
    assert.equal(
      yearOfDay('--07-03', 'La ONG lo denunció en un comunicado difundido la noche de este viernes.', { after: '2021-06-20', notAfter: '2026-12-07' }),
      '2021-07-03',
      'Saturday\'s wire tells Friday as "este viernes": not the next year whose July 3 is a Friday',
    );
    assert.equal(yearOfDay('---27', 'El sábado 27 de marzo hubo marchas.', { after: '2021-01-01', notAfter: '2026-12-07' }), '2021-03-27', 'the day named with its weekday is that day');
    assert.equal(yearOfDay('--12-20', 'Como en 1992, los manifestantes…', { after, notAfter: now }), '2022-12-20', 'a year of history is not the dispatch\'s');
    assert.equal(yearOfDay('--02-04', 'El informe de 2021 ya lo decía.', { after: null, notAfter: now }), '2021-02-04', 'no story: a year the text names');
    assert.equal(yearOfDay('--02-04', 'Sin año ni historia.', { after: null, notAfter: now }), null, 'no story, no year: undated');
    assert.equal(yearOfDay('--02-04', 'El plan de 2031.', { after: null, notAfter: now }), null, 'never after the day it was read');
  });

  it('reads an encyclopedia\'s last-edit line', () => {
    assert.equal(lastEditedDate('This page was last edited on 14 February 2023, at 08:05 (UTC).'), '2023-02-14');
    assert.equal(lastEditedDate('Esta página se editó por última vez el 14 feb 2023 a las 08:05.'), '2023-02-14');
    assert.equal(lastEditedDate('The law was last edited on 14 February 2023 by Congress, which…'), null);
    // an old revision's header dates the snapshot
    assert.equal(lastEditedDate('Revision as of 09:41, 5 March 2024. This article documents a current event.'), '2024-03-05');
    assert.equal(lastEditedDate('Revisión del 09:41 5 mar 2024'), '2024-03-05');
    assert.equal(lastEditedDate('Revision as of the law was passed on 5 March 2024'), null);
  });

  it("reads a saved copy's date from a piece of its header line, a month alone as that month's last day", () => {
    assert.equal(lastEditedDate('From the free encyclopedia | version of 1 June 2025'), '2025-06-01');
    assert.equal(lastEditedDate('Andes protests (revision of 8 April 2020)'), '2020-04-08');
    assert.equal(lastEditedDate('Page as retrieved 4 March 2017'), '2017-03-04');
    assert.equal(lastEditedDate('Enciclopedia libre · consultado el 3 de mayo de 2020'), '2020-05-03');
    assert.equal(lastEditedDate('Offline snapshot of the encyclopedia, February 2024.'), '2024-02-29');
    assert.equal(lastEditedDate('Wikipedia, the free encyclopedia · This page was last edited on 15 January 2024'), '2024-01-15');
    // prose that merely names a version or a snapshot is no header
    assert.equal(lastEditedDate('The version of events from 2020 was disputed by the families of the dead.'), null);
    assert.equal(lastEditedDate('A snapshot of the crisis, in the words of the marchers, follows.'), null);
    assert.equal(lastEditedDate(`${'The protests spread. '.repeat(8)}| version of 1 June 2025`), null);
  });

  it('keeps a metadata timestamp in the outlet\'s own offset (its day is the local day), else UTC; bare dates stay dates', () => {
    assert.equal(normalizeIsoDate('2023-01-19T14:30:00-05:00'), '2023-01-19T14:30:00-05:00');
    // an evening article in Quito is published on the 12th, though it is already the 13th in UTC
    assert.equal(normalizeIsoDate('2019-10-12T19:10-0500')?.slice(0, 10), '2019-10-12');
    assert.equal(normalizeIsoDate('2023-01-19T19:30:00Z'), '2023-01-19T19:30:00.000Z');
    assert.equal(normalizeIsoDate('2023-01-19'), '2023-01-19');
    assert.equal(normalizeIsoDate('not a date'), null);
    assert.equal(normalizeIsoDate(null), null);
  });

  it('takes publication cues but not dates told in a sentence', () => {
    assert.equal(publicationDateCue('Publicado el 3 de enero de 2023'), '2023-01-03');
    assert.equal(publicationDateCue('Posted on May 1, 2023 by admin'), '2023-05-01');
    assert.equal(publicationDateCue('Published: 2023-01-03'), '2023-01-03');
    assert.equal(publicationDateCue('Updated: January 11, 2023'), null, 'an update is not the publication');
    assert.equal(publicationDateCue('On December 7, 2022, Pedro Castillo sat in his office.'), null);
    assert.equal(publicationDateCue('The decree took effect on January 15, 2023 and will last thirty days.'), null);
  });
});

describe('bylines and trailers', () => {
  it('reads author, outlet and date from the byline styles of the sample blog', () => {
    assert.deepEqual(parseBylineLine('By Nick Corbishley – naked capitalism – May 26, 2023'), { byline: 'Nick Corbishley', outlet: 'naked capitalism', published: '2023-05-26' });
    assert.deepEqual(parseBylineLine('teleSUR | December 19, 2022'), { byline: null, outlet: 'teleSUR', published: '2022-12-19' });
    assert.deepEqual(parseBylineLine('Samizdat – 10.01.2023'), { byline: null, outlet: 'Samizdat', published: '2023-01-10' });
    assert.deepEqual(parseBylineLine('BY W. T. WHITNEY | COUNTERPUNCH | MARCH 10, 2023'), { byline: 'W. T. Whitney', outlet: 'COUNTERPUNCH', published: '2023-03-10' });
    assert.deepEqual(parseBylineLine('By Lucas Leiroz | September 28, 2020'), { byline: 'Lucas Leiroz', outlet: null, published: '2020-09-28' });
    assert.deepEqual(parseBylineLine('Published Jan 10, 2023 | Updated Jan 11, 2023'), { byline: null, outlet: null, published: '2023-01-10' });
    assert.deepEqual(parseBylineLine('Por Ana María de la Cruz'), { byline: 'Ana María de la Cruz', outlet: null, published: null });
  });

  it('reads outlet, place, time and author fields beside the date', () => {
    assert.deepEqual(parseBylineLine('Daily Courier | Lagos | Friday, March 4, 2022 | By Ada Obi'), { byline: 'Ada Obi', outlet: 'Daily Courier', published: '2022-03-04' });
    assert.deepEqual(parseBylineLine('Andes Watch | March 4, 2022 | Lima'), { byline: null, outlet: 'Andes Watch', published: '2022-03-04' });
    assert.deepEqual(parseBylineLine('Radio Sur | Cusco | 07/03/2022 - 09:15', 'es'), { byline: null, outlet: 'Radio Sur', published: '2022-03-07' });
    assert.deepEqual(
      parseBylineLine('Radio Sur | Cusco | 07/03/2022 - 09:15', 'en'),
      { byline: null, outlet: 'Radio Sur', published: null, readings: ['2022-03-07', '2022-07-03'] },
      'still a byline, date undecided: both readings kept for the text to decide',
    );
    assert.deepEqual(parseBylineLine('Redacción Diario Sur | Arequipa, 4 de marzo de 2022'), { byline: null, outlet: 'Diario Sur', published: '2022-03-04' });
    assert.deepEqual(parseBylineLine('Tacna, 4 de marzo de 2022 | Por Lucía Paz'), { byline: 'Lucía Paz', outlet: null, published: '2022-03-04' });
    assert.deepEqual(parseBylineLine('Publicado el 07/03/2022 | Por Lucía Paz | Sección Regiones', 'es'), { byline: 'Lucía Paz', outlet: null, published: '2022-03-07' });
    // A blog's "By <author> on <date>", "Por <autor> el <fecha>"; not "on" before anything else
    assert.deepEqual(parseBylineLine('Posted by Juan Gil on November 12, 2019'), { byline: 'Juan Gil', outlet: null, published: '2019-11-12' });
    assert.deepEqual(parseBylineLine('Por Juan Gil el 12 de noviembre de 2019', 'es'), { byline: 'Juan Gil', outlet: null, published: '2019-11-12' });
    assert.equal(parseBylineLine('By Juan Gil on the ground in Quito')?.published ?? null, null);
    // A press release's place and date in brackets
    assert.deepEqual(parseBylineLine('Human Rights Watch | Comunicado de prensa | (Nueva York, 10 de septiembre de 2025)', 'es'), { byline: null, outlet: 'Human Rights Watch', published: '2025-09-10' });
    // A broadcaster's "Emitido el" (aired on) is its publication date; the modification after it is not.
    assert.deepEqual(parseBylineLine('Canal Sur TV | Emitido el: 09/04/2022 - 21:05 | Modificado: 10/04/2022 - 08:12', 'es'), { byline: null, outlet: 'Canal Sur TV', published: '2022-04-09' });
    assert.deepEqual(parseBylineLine('By Tomas Reyes, Andes Weekly'), { byline: 'Tomas Reyes', outlet: 'Andes Weekly', published: null });
    assert.deepEqual(parseBylineLine('Watchdog Group | June 2, 2022 8:00AM EDT'), { byline: null, outlet: 'Watchdog Group', published: '2022-06-02' });
  });

  it('does not take a wire dateline or a sentence with a place for a byline', () => {
    assert.equal(parseBylineLine('LIMA, 4 feb (EFE) — Por Lucía Paz, enviada especial'), null);
    assert.equal(parseBylineLine('In Lagos, March 4, 2022 was the bloodiest day of the month.'), null);
  });

  it('does not take sentences for bylines', () => {
    assert.equal(parseBylineLine('By March 1, residents of provinces close to the city of Puno were arriving in Lima.'), null);
    assert.equal(parseBylineLine('At least two of the deceased – a boy and a girl – were reportedly children.'), null);
    assert.equal(parseBylineLine('Why Are US Military Personnel Heading to Peru?'), null);
  });

  it('reads the repost date from a blog trailer', () => {
    assert.deepEqual(parseTrailerLine('May 27, 2023 Posted by | Civil Liberties, Corruption | , , | Leave a comment'), { published: '2023-05-27' });
    assert.deepEqual(parseTrailerLine('Posted in Politics | 3 Comments'), { published: null });
    assert.equal(parseTrailerLine('The article was posted by a reader on Monday.'), undefined);
  });
});
