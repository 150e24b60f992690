/**
 * Drafts for store tests: a real article (the wire report of the store tests), articles that share no sentence with
 * each other (generated from a seed), and facts to store with them.
 */
import { contentHash } from '../../src/documents/dedup.ts';
import type { DocumentDraft } from '../../src/documents/types.ts';
import type { ExtractedEvent, ExtractedFigure } from '../../src/facts/types.ts';

export const ARTICLE = [
  'Peruvian security forces fired on protesters blocking the airport in the southern city of Juliaca on Monday, and the regional health office said seventeen people were killed.',
  'The clashes were the deadliest since the ouster of President Pedro Castillo last month, and human rights groups called for an independent investigation into the use of force.',
  'Protesters are demanding the resignation of President Dina Boluarte, the closure of Congress and early elections, and many have travelled to Lima to press their demands.',
  'The government declared a curfew in the Puno region, while the prime minister blamed foreign interests and drug traffickers for the violence without providing evidence.',
].join('\n\n');

export function draft(key: string, text: string, extra: Partial<DocumentDraft> = {}): DocumentDraft {
  return { key, url: `https://news.example/${key}`, title: key, published: null, text, language: 'en', contentHash: contentHash(text), ...extra };
}

const WORDS = (
  'river mountain council harvest lantern village market bridge teacher harbor winter garden doctor station meadow ' +
  'engineer library courtyard orchard festival merchant valley canyon railway factory tower island forest desert ' +
  'lighthouse vineyard monastery plateau glacier quarry workshop bakery pharmacy stadium theater museum cathedral ' +
  'tunnel highway airport reservoir fountain pasture cottage barracks chapel observatory granary'
).split(' ');

/** A text of four sentences of fourteen words from a generator seeded with `seed`: different seeds share no sentence. */
export function uniqueArticle(seed: number): string {
  let state = (seed * 2654435761 + 12345) >>> 0;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    return state;
  };
  const sentences: string[] = [];
  for (let s = 0; s < 4; s++) {
    const words = Array.from({ length: 14 }, () => WORDS[next() % WORDS.length]!);
    sentences.push(`${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
  }
  return sentences.join(' ');
}

export function deathFigure(value: number, asOf: string | null, extra: Partial<ExtractedFigure> = {}): ExtractedFigure {
  return {
    kind: 'deaths',
    value,
    qualifier: 'exact',
    scope: 'cumulative',
    location: null,
    region: null,
    asOf,
    asOfPrecision: asOf ? 'day' : null,
    quote: `${value} people were killed`,
    attribution: null,
    official: false,
    ...extra,
  };
}

export function event(date: string, text: string): ExtractedEvent {
  return { date, precision: 'day', text, places: ['Juliaca'], actors: ['police'], quote: text };
}
