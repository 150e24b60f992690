// What the figure extractor carries from sentence to sentence of one document (src/facts/figures.ts), and how each
// figure it read got its date (src/facts/figure-dates.ts).
import type { DateMention, StatedPeriod } from './dates.ts';
import type { ExtractedFigure, Story } from './types.ts';

export interface Context {
  first: number; published: string | null; story?: Story; language: string | null; dates: DateMention[][]; places: string[][]; periods: Period[];
  /** The last count stated in the sentence before: a whole whose parts this sentence may list. */
  previous?: Found;
  /** How many sentences with no count were read since `previous` was told (it is kept across QUIET_SENTENCES_KEPT). */
  previousPastQuiet?: number;
  /** A whole the current sentence restates ("De las 3.649 personas heridas, …"): the whole of its parts and of the next sentence's. */
  restated?: Found;
  /** The latest day the article reports on (see newsDayOf). */
  newsDay: string | null;
  /** Per sentence: the day of the live-blog entry it belongs to, if the page is a live blog with dated entries. */
  entryDays: (string | null)[];
  /** Every figure read so far, for a part's whole of its own kind. */
  found: Found[];
}
/** Per sentence: its text and the period it states, if any (for counts dated by a report's period). */
export type Period = { text: string; stated: StatedPeriod | null };

/** How a figure got its date: its own cue, the cues of the sentences before it, another figure, or none. */
export type Dated = 'own' | 'context' | 'inherited' | false;
/** `part`: the figure is a part of another count ("17 of them", "de los detenidos, veinte"), never a whole for later parts. */
export interface Found {
  f: ExtractedFigure;
  dated: Dated;
  idx: number;
  at: number;
  running: boolean;
  part: boolean;
  /** The count names who its victims were ("18 police officers", "los uniformados muertos"). */
  groupNamed?: boolean;
  /** The undated count it took its day from (its whole, or the list item before it): it follows that count's day. */
  follows?: Found;
  /** An earlier value of the count before it ("24, up from 19 two days ago"): never the whole of the parts that follow. */
  earlierValue?: boolean;
}
