import { extractEvents } from '../facts/events.ts';
import { extractFigures } from '../facts/figures.ts';
import type { ExtractedEvent, ExtractedFigure, FactInput, Story } from '../facts/types.ts';
import { normalizeText } from '../documents/dedup.ts';
import { inferAnchor } from '../facts/anchor.ts';
import { findPlaces } from '../facts/story.ts';
import type { ModelAnswer } from '../facts/model/answer.ts';
import { mergeModelFacts, type Rejection } from '../facts/model/verify.ts';

/** A model's answer for the document (src/pipeline/model-extraction.ts), verified against the text before any of it is kept. */
export interface ModelInput {
  answer: ModelAnswer;
  /** Told what was kept and what was refused, and why. */
  onVerified?: (outcome: { added: { figures: number; events: number }; filled: number; rejected: Rejection[] }) => void;
}

/** The story a document belongs to: the one whose keywords (and gazetteer places) it names most, or null. */
export function storyFor(document: { title: string | null; text: string }, stories: readonly Story[]): Story | null {
  const text = ` ${normalizeText(`${document.title ?? ''} ${document.text}`)} `;
  let best: Story | null = null;
  let bestHits = 0;
  for (const story of stories) {
    const places = findPlaces(story, `${document.title ?? ''}\n${document.text.slice(0, 3000)}`).length > 0 ? 1 : 0;
    const hits = story.keywords.filter((keyword) => text.includes(` ${normalizeText(keyword)} `)).length + places;
    if (hits > bestHits) {
      best = story;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * Figures and events of one text, for the story it belongs to (events before the story starts are not its timeline).
 * With a model's answer, what it adds is kept only once verified against the text and the rules' own reading.
 */
export function factsOf(
  document: FactInput,
  stories: readonly Story[],
  model?: ModelInput | null,
): { story: string | null; figures: ExtractedFigure[]; events: ExtractedEvent[] } {
  const story = storyFor(document, stories);
  // An undated page still speaks from some day: anchor its relative dates on the latest one it names.
  const anchored = document.published ? document : { ...document, published: inferAnchor(document.text, story ?? undefined) };
  const figures = extractFigures(anchored, story ?? undefined);
  const events = extractEvents(anchored, story ?? undefined, { anchored: !document.published }).filter((event) => !story || event.date >= story.start.slice(0, event.date.length));
  if (!model) return { story: story?.id ?? null, figures, events };
  const merged = mergeModelFacts(anchored, story ?? undefined, { figures, events }, model.answer);
  model.onVerified?.(merged);
  return { story: story?.id ?? null, figures: merged.figures, events: merged.events };
}
