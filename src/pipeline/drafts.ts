/** A RawItem → the DocumentDraft the store is offered: text, language, content hash, and a year for a bare dateline. */
import { SourceError } from '../core/errors.ts';
import { yearOfDay } from '../documents/dates.ts';
import { contentHash } from '../documents/dedup.ts';
import { detectLanguage } from '../documents/language.ts';
import type { DocumentDraft, RawItem } from '../documents/types.ts';
import { storyFor } from '../facts/story.ts';
import type { Story } from '../facts/types.ts';

/**
 * An item dated only by a wire dateline without a year ("BOGOTÁ, 3 may (EFE)") takes the year its text
 * names, else the one its story (the configured story it belongs to) puts that day in; else it stays undated.
 */
export function datedByStory(draft: DocumentDraft, item: RawItem, stories: readonly Story[], now: Date): DocumentDraft {
  if (draft.published || !item.datelineDay) return draft;
  const story = storyFor(draft, stories);
  const published = yearOfDay(item.datelineDay, draft.text, { after: story?.start ?? null, notAfter: now.toISOString() });
  return published ? { ...draft, published } : draft;
}

export function toDraft(item: RawItem): DocumentDraft {
  const text = item.text.trim() || item.title?.trim() || '';
  if (!text) throw new SourceError(item.key, 'item has neither title nor text');
  return { ...item, text, language: detectLanguage(text), contentHash: contentHash(text) };
}
