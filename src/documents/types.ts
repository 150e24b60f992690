/** One item as a source yields it: a feed entry, a file, a post split out of a page, a channel post. */
export interface RawItem {
  /** Stable within its source: feed guid or link, file path (+ post index), message id. */
  key: string;
  /** Link as the source gave it (feed link, file:// URL, t.me link), or null. */
  url: string | null;
  title: string | null;
  /** ISO 8601, or null when the source gives no date: never invented. */
  published: string | null;
  /** Plain text of the story, already cleaned of boilerplate. */
  text: string;
  /** Publisher named in the item ("teleSUR", "RT") when the text or feed says so. */
  outlet?: string | null;
  /**
   * `--MM-DD` when the only date the item gives is a wire dateline without a year ("BOGOTÁ, 3 may (EFE)"):
   * `published` stays null, and whoever knows the item's story may find the year (`yearOfDay`).
   */
  datelineDay?: string | null;
}

/** A document ready to store: a RawItem plus what the pipeline derived from it. */
export interface DocumentDraft extends RawItem {
  language: string | null;
  contentHash: string;
}

export type IngestOutcome =
  /** New text: a new document. */
  | { status: 'added'; documentId: number }
  /** Same item from the same source again: nothing changed. */
  | { status: 'duplicate'; documentId: number }
  /** Same (or contained) text already stored from elsewhere: this source was added to that document. */
  | { status: 'merged'; documentId: number }
  /**
   * Nothing stored: a document stored after the plan was made (`IngestPlan.basedOn`) shares sentences with the draft,
   * so the near-duplicate decision may be stale; plan again (src/pipeline/store-draft.ts does).
   */
  | { status: 'replan' };

/** What storing a draft came to, once planned against what is stored (never `replan`). */
export type StoredOutcome = Exclude<IngestOutcome, { status: 'replan' }>;
