import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBylineLine, parseTrailerLine } from '../../src/documents/byline.ts';
import { normalizeIsoDate, parseDateString, publicationDateCue } from '../../src/documents/dates.ts';

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

  it('normalizes metadata timestamps to UTC and keeps bare dates as dates', () => {
    assert.equal(normalizeIsoDate('2023-01-19T14:30:00-05:00'), '2023-01-19T19:30:00.000Z');
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
