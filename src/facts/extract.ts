import { extractEvents } from './events.ts';
import { extractFigures } from './figures.ts';
import type { ExtractedEvent, ExtractedFigure, FactInput, Story } from './types.ts';
import { inferAnchor, inferCountsAnchor } from './anchor.ts';
import { hasInfobox } from './infobox.ts';
import { storyFor } from './story.ts';
import { liveBlogUpdate } from './news-day.ts';
import { dayOf } from './calendar.ts';
import type { ModelAnswer } from './model/answer.ts';
import { mergeModelFacts, type Rejection } from './model/verify.ts';

/** A model's answer for the document (src/pipeline/model-extraction.ts), verified against the text before any of it is kept. */
export interface ModelInput {
  answer: ModelAnswer;
  /** Told what was kept and what was refused, and why. */
  onVerified?: (outcome: { added: { figures: number; events: number }; filled: number; rejected: Rejection[] }) => void;
}

/**
 * Figures and events of one text, for the story it belongs to (extractEvents keeps to the story's timeline).
 * With a model's answer, what it adds is kept only once verified against the text and the rules' own reading.
 */
export function factsOf(
  document: FactInput,
  stories: readonly Story[],
  model?: ModelInput | null,
): { story: string | null; figures: ExtractedFigure[]; events: ExtractedEvent[] } {
  const story = storyFor(document, stories);
  // A live blog updated days after it was first published speaks from its last update (its newest entries are that
  // day's), not from its first publication.
  const updated = liveBlogUpdate(document.text, dayOf(document.published));
  if (updated) document = { ...document, published: updated };
  // An undated page still speaks from some day: anchor its relative dates on the latest one it names. Its counts, dated
  // or not, are as of the end of the span its infobox closes.
  const anchored = document.published ? document : { ...document, published: inferAnchor(document.text, story ?? undefined) };
  const countsDay = inferCountsAnchor(document.text, story ?? undefined, document.published, anchored.published);
  const counted = countsDay === document.published ? document : { ...document, published: countsDay };
  // An encyclopedia page tells the story in its order from the start, whenever it was saved: its year-less days
  // ("On 30 November") are the story's first ones, as on an undated page.
  const inOrder = !document.published || hasInfobox(document.text);
  const figures = extractFigures(counted, story ?? undefined, { anchored: inOrder });
  const events = extractEvents(anchored, story ?? undefined, { anchored: inOrder });
  if (!model) return { story: story?.id ?? null, figures, events };
  const merged = mergeModelFacts(anchored, story ?? undefined, { figures, events }, model.answer);
  model.onVerified?.(merged);
  return { story: story?.id ?? null, figures: merged.figures, events: merged.events };
}
