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

/**
 * The story a document belongs to: the one whose keywords and gazetteer places it names most, or null. A keyword several
 * followed stories share ("protests", "Defensoría del Pueblo") weighs less than one of its own ("Bolivia", "Senkata"):
 * each counts 1 / (the number of the given stories listing it), so a story with a long list of generic words does not
 * take another story's reports. Each distinct place of the story's gazetteer named counts 1 (at most 3).
 */
export function storyFor(document: { title: string | null; text: string }, stories: readonly Story[]): Story | null {
  const text = ` ${normalizeText(`${document.title ?? ''} ${document.text}`)} `;
  const shared = new Map<string, number>();
  for (const story of stories) for (const keyword of new Set(story.keywords.map((k) => normalizeText(k)))) shared.set(keyword, (shared.get(keyword) ?? 0) + 1);
  let best: Story | null = null;
  let bestScore = 0;
  for (const story of stories) {
    const places = new Set(findPlaces(story, `${document.title ?? ''}\n${document.text.slice(0, 3000)}`).map((p) => p.place)).size;
    const keywords = new Set(story.keywords.map((k) => normalizeText(k)));
    let score = Math.min(3, places);
    for (const keyword of keywords) if (keyword && text.includes(` ${keyword} `)) score += 1 / (shared.get(keyword) ?? 1);
    if (score > bestScore) {
      best = story;
      bestScore = score;
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
