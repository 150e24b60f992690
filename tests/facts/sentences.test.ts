import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitSentences } from '../../src/facts/sentences.ts';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences (the one splitter of facts, events and summaries)', () => {
  it('does not end a sentence after an abbreviation or an initial', () => {
    assert.deepEqual(texts('Gen. Otárola spoke. J. Pérez and the U.S. embassy replied.'), ['Gen. Otárola spoke.', 'J. Pérez and the U.S. embassy replied.']);
  });
  it("ends a sentence after a possessive 's", () => {
    assert.deepEqual(texts("The toll is far higher than the government's. On July 4, Kindiki said 25 had died."), [
      "The toll is far higher than the government's.",
      'On July 4, Kindiki said 25 had died.',
    ]);
  });
  it('reads "ago." as agosto only before a day number', () => {
    assert.deepEqual(texts('The toll was 19 two days ago. Of those deaths, 12 have no known cause.'), ['The toll was 19 two days ago.', 'Of those deaths, 12 have no known cause.']);
    assert.equal(texts('Desde el 15 de ago. 2019 no hubo muertos.').length, 1);
  });
  it("keeps a dispatch's city in capitals with the sentence it opens, and only at a line's start", () => {
    assert.deepEqual(texts('NUR-SULTAN. March 14 (Interfax) - The unrest claimed 230 lives. NATO said nothing.'), [
      'NUR-SULTAN. March 14 (Interfax) - The unrest claimed 230 lives.',
      'NATO said nothing.',
    ]);
    assert.deepEqual(texts('LA PAZ. El Gobierno habló.'), ['LA PAZ. El Gobierno habló.']);
  });
  it('gives offsets into the text and one paragraph per line', () => {
    const text = 'First line. Second sentence.\nNext paragraph.';
    const sentences = splitSentences(text);
    assert.deepEqual(sentences.map((s) => [text.slice(s.start, s.end) === s.text, s.paragraph]), [[true, 0], [true, 0], [true, 1]]);
  });
});

it('ends a sentence after a day named with its number ("del 11J."), not after an initial', () => {
  assert.deepEqual(splitSentences('Hubo 1.303 detenidos tras las protestas del 11J. La Habana encabeza la lista con 439.').map((s) => s.text), [
    'Hubo 1.303 detenidos tras las protestas del 11J.', 'La Habana encabeza la lista con 439.',
  ]);
  assert.equal(splitSentences('Lo confirmó J. Pérez, vocero de la policía.').length, 1);
});
