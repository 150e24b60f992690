import type { AppContext } from '../../core/context.ts';
import type { Summarizer } from './build.ts';

/** Placeholder until the extractive summariser lands: the lead sentence not already told. */
export function defaultSummarizer(_app: AppContext): Summarizer {
  return async (texts, known) => {
    const told = new Set(known.map((sentence) => sentence.trim()));
    for (const text of texts) {
      for (const sentence of text.split(/(?<=[.!?])\s+/)) {
        if (sentence.length > 40 && !told.has(sentence.trim())) return sentence.trim();
      }
    }
    return '';
  };
}
