import type { FactSource } from '../../timeline/types.ts';

export type DigestEntryKind = 'figure_change' | 'event' | 'story';

export interface DigestEntry {
  kind: DigestEntryKind;
  /** One line: "Death toll rises to 55 (was 47 on Jan 13) — per Ombudsman". */
  text: string;
  /** A short summary of what the sources say (extractive by default, LLM when configured and faithful). */
  summary: string;
  sources: FactSource[];
  /** Orders entries within a kind (source count, recency, size of a change). */
  weight: number;
  /** The day an event entry happened, for date order. */
  date?: string;
}

export interface ExcludedEntry {
  text: string;
  reason: string;
}

/** What a destination's next digest says: everything learned in (cursor, until]. */
export interface Digest {
  destination: string;
  story: string | null;
  /** ISO timestamps of what was learned: after `since`, up to `until`. */
  since: string | null;
  until: string | null;
  /** The learned-sequence range covered; the cursor moves to `toSequence` once delivered. */
  fromSequence: number;
  toSequence: number;
  entries: DigestEntry[];
  excluded: ExcludedEntry[];
}
