/**
 * Dated events for the timeline: "who did what where", one line each, cut from news sentences.
 *
 * An event is a clause that holds a day-precise date cue and a predicate saying what happened there: an
 * event word of the lexicon (killed, arrested, said, signed, marched, drowned… in English and
 * Spanish), another verb in a past tense ("escalated", "se registraron"), or an event noun the date
 * modifies ("the march of 8 August", "la jornada del martes"). A date belongs to the clause it is in:
 * a fronted "On 18 October," goes with the clause it introduces, a trailing ", on June 20" with the one
 * before. A date that opens or closes a period ("since April 28", "until June 30", "between … and …",
 * "as of …") is no happening's date unless the clause says what happened that day ("the unrest began
 * on 16 September", "until July 17, when police retook it"). Weekdays and "yesterday" resolve against
 * the publication date, or against the day of the live-blog entry they are in; "that same night", "the
 * next day" take the date of the sentence before. Undated happenings give nothing: a headline or a lead
 * without a date cue is no event (when the body dates it, the body's sentence is the event).
 * The text is the clause around the predicate with its date cues removed — trimmed from the sentence,
 * never composed. Hand-written: no library here tags English and Spanish news clauses with their dates.
 *
 * This file joins the steps; each has its module in events/: document-sentences (the body's sentences, live-blog
 * entries), happening-dates (which date mentions can date a happening), lexicon + event-words (event words and
 * past tenses), pairing (clauses; each date with one predicate), clause-text (the event's line), actors.
 */
import { addDays, dayOf, type DateMention } from './dates.ts';
import { findPlaces, LEAD_UP_DAYS, normalizeName } from './story.ts';
import type { FactInput, Story } from './types.ts';
import { actorMatchers, findActors } from './events/actors.ts';
import { eventClause } from './events/clause-text.ts';
import { METADATA, documentSentences } from './events/document-sentences.ts';
import { dropOverlaps, eventKind, findGenericVerbs, findVerbs } from './events/event-words.ts';
import { carriedMentions, dateMentions, happeningDates, rangeParts, type DateContext } from './events/happening-dates.ts';
import type { DatedEvent } from './events/lexicon.ts';
import { clausesOf, datedNouns, pairDates } from './events/pairing.ts';

export { eventClause } from './events/clause-text.ts';
export { eventKind, eventKinds } from './events/event-words.ts';
export type { DatedEvent, EventKind } from './events/lexicon.ts';

/** Sentences about anniversaries restate old events with a new date. */
const ANNIVERSARY = /\b(?:anniversary|aniversario|one year (?:since|after)|un año (?:de|desde))\b/iu;
/** Between a date and its event word: the happening is announced, not reported. */
const PLANNED = /\b(?:will|would|shall|plans? to|is set to|are set to|scheduled|va a|van a|se realizará|será)\b/i;

/**
 * A day of the story's timeline, told by this text: not after it was published, and from the story's start on — or from its
 * lead-up when the date is written out ("the day before Castillo was ousted" is read against another day).
 */
function storyOk(date: DateMention, story: Story | undefined, published: string | null): boolean {
  if (story && date.date < story.start && (date.kind !== 'explicit' || date.date < addDays(story.start, -LEAD_UP_DAYS))) return false;
  if (published && date.date > addDays(published, 1)) return false;
  return true;
}

/** End offset of the last gazetteer place within ~16 words after the event word, or -1. */
function placeEnd(sentence: string, from: number, story: Story | undefined): number {
  if (!story) return -1;
  const window = sentence.slice(from, from + 130);
  const stop = window.search(/[,;:.!?]/);
  const limit = from + (stop >= 0 ? stop : window.length);
  const ends = findPlaces(story, sentence).filter((p) => p.index >= from && p.end <= limit).map((p) => p.end);
  return ends.length ? Math.max(...ends) : -1;
}

function placesOf(sentence: string, story: Story | undefined): string[] {
  if (!story) return [];
  const out: string[] = [];
  for (const p of findPlaces(story, sentence)) if (!out.includes(p.place)) out.push(p.place);
  return out;
}

/** Nouns that name an event without saying it happened then ("the killings", "impeachment"). */
const NOUNISH = /^(?:killings?|massacres?|masacre|matanza|deaths|dead|impeachment|ouster|vacancia|arrests)$/i;

export interface ExtractOptions {
  /** The publication date was inferred from the text (the latest date it names), not given; or the page is an encyclopedia article (its year-less days are the story's first ones). */
  anchored?: boolean;
}

/**
 * Dated one-line events of a document, in text order (title first). `story` adds places (gazetteer),
 * actors (story.actors) and drops events dated before the story starts.
 */
export function extractEvents(doc: FactInput, story?: Story, options: ExtractOptions = {}): DatedEvent[] {
  const published = dayOf(doc.published);
  const matchers = actorMatchers(story);
  const out: DatedEvent[] = [];
  let carry: { date: string; paragraph: number } | null = null;
  let lastActor: string | null = null;
  let lastYear: number | null = null;
  for (const s of documentSentences(doc, published)) {
    const sentence = s.text;
    const ctx: DateContext = { reference: s.entryDate ?? published, language: doc.language, anchored: !!options.anchored, storyStart: story?.start ?? null, lastYear };
    const mentions = dateMentions(sentence, ctx);
    for (const m of mentions) lastYear = Number(m.text.match(/\b(?:19|20)\d{2}\b/)?.[0] ?? lastYear);
    if (s.entryHeader || METADATA.test(sentence)) continue;
    const actorsHere = findActors(sentence, matchers);
    const prevActor = lastActor;
    const personal = actorsHere.filter((a) => /^\p{Lu}/u.test(a) && /\s/.test(a));
    if (personal.length) lastActor = personal.at(-1)!;

    let dates = happeningDates(sentence, mentions);
    if (!s.headline) dates = [...dates, ...carriedMentions(sentence, dates, carry)].sort((a, b) => a.start - b.start);
    const lastDated = dates.at(-1) ?? mentions.find((m) => m.precision === 'day' && !m.since);
    if (lastDated && !s.headline) carry = { date: lastDated.date, paragraph: s.paragraph };
    const lexical = findVerbs(sentence);
    const verbs = dropOverlaps([...lexical, ...findGenericVerbs(sentence, [...lexical, ...mentions])]).filter((h) => !mentions.some((m) => h.start < m.end && m.start < h.end));
    if (!verbs.length && !dates.length) continue;
    const clauses = clausesOf(sentence, mentions);
    const predicates = dropOverlaps([...verbs, ...datedNouns(sentence, dates, verbs, clauses)]);
    const pairs = pairDates(sentence, dates, predicates, clauses);
    // An entry's first sentence takes the entry's day unless it dates itself (a span between two dated ends does too).
    if (!dates.length && !rangeParts(sentence, mentions).size && s.entryLead && s.entryDate) {
      // The entry's first predicate is its main verb: "Chadwick confirmó … la muerte de siete personas".
      const lead = predicates.find((p) => p.source !== 'noun') ?? predicates[0];
      if (lead) pairs.push({ date: { start: 0, end: 0, date: s.entryDate, precision: 'day', kind: 'relative', text: '', since: false }, verb: lead, cost: 0 });
    }

    const seenDates = new Set<string>();
    for (const pair of pairs.sort((a, b) => a.cost - b.cost)) {
      const { date, verb } = pair;
      if (seenDates.has(date.date) || !storyOk(date, story, published)) continue;
      // Weak protest words in "since …" sentences describe the whole movement, not an event.
      if (verb.kind === 'protest' && verb.weak && /^["“‘']?(?:since|desde)\b/i.test(sentence)) continue;
      // "Saturday, July 22, will be a day of struggle, with marches…": announced, not happened.
      const between = sentence.slice(Math.min(date.end, verb.end), Math.max(date.start, verb.start));
      if (date.end > date.start && PLANNED.test(between)) continue;
      // "December 7, 2023, marks the one-year anniversary of the coup that ousted…": the date is the anniversary's.
      if (ANNIVERSARY.test(between) || ANNIVERSARY.test(sentence.slice(Math.max(0, date.start - 40), date.start))) continue;
      // A statement's line goes on to what was stated ("acknowledged that 25 people have died").
      const others = verb.weak ? predicates.filter((p) => p.kind !== 'statement' && p.kind !== 'report' && p.start > verb.end + 80) : predicates;
      let text = eventClause(sentence, verb.start, verb.end, mentions, others, placeEnd(sentence, verb.end, story));
      if (!text || text.split(/\s+/).length < (NOUNISH.test(verb.text) ? 3 : 2)) continue;
      // "He was impeached" after a sentence naming Castillo: name him.
      if (prevActor && !actorsHere.some((a) => /\s/.test(a)) && /^(?:He|She)\s/.test(text)) {
        text = `${prevActor.split(/\s+/).at(-1)} ${text.slice(text.indexOf(' ') + 1)}`;
      }
      seenDates.add(date.date);
      const actors = findActors(text, matchers);
      const event: DatedEvent = {
        date: date.date,
        precision: 'day',
        text,
        places: placesOf(sentence, story),
        actors: actors.length ? actors : actorsHere,
        quote: sentence,
        // The strongest event word of the line names its kind ("the decree introducing the state of emergency was published").
        kind: eventKind(text) ?? verb.kind,
      };
      if (!out.some((e) => e.date === event.date && normalizeName(e.text) === normalizeName(event.text))) out.push(event);
    }
  }
  return out;
}
