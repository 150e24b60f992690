/**
 * How many known sentences a digest hands its summaries: the quotes of at most `KNOWN_REPORTS` known reports per date
 * it needs (each day the new figures are about; each event date of the months around the new events), those learned
 * last. A summary drops a sentence that repeats a known one; reports of one day and event mostly repeat one another,
 * so the latest few say what the rest say, while every report of them (21,111 sentences at 10,000 stored + 1,000 new
 * generated documents) grew with the story and was turned into terms on every build.
 */
import type { QuoteBound } from '../../stores/store.ts';

export const KNOWN_REPORTS = 20;

export const knownBound: QuoteBound = { perDate: KNOWN_REPORTS };
