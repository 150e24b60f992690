/**
 * Merges events reported by several sources into one timeline entry. Pure functions.
 *
 * Two events are the same when their dates are compatible (day precision: within a day; month
 * precision: same month; week: within 4 days; year: same year; mixed precisions: the coarser one
 * decides) and they talk about the same thing: the same kind of event word (removed/arrested, killed,
 * state of emergency…) with a shared place or actor (or no place/actor on either side), or enough shared
 * content words. The merged entry keeps the most precise date, the clearest text (day precision, closest
 * to one short line), every place and actor, and every source.
 */
import { eventKinds, type EventKind } from '../facts/events.ts';
import { normalizeName } from '../facts/story.ts';
import type { Precision } from '../facts/types.ts';
import type { StoredEvent, TimelineEvent } from './types.ts';

const PRECISION_RANK: Record<Precision, number> = { day: 0, week: 1, month: 2, year: 3 };
/** Events per token and month beyond which the token is too common to find candidates by. */
const MAX_POSTINGS = 200;

/** Day numbers of dates seen, at most MAX_DAY_NUMBERS (cleared when full: a few years of days fit many times over). */
const dayNumbers = new Map<string, number>();
const MAX_DAY_NUMBERS = 20_000;
/** Day numbers remembered now (tests). */
export const dayNumbersKept = (): number => dayNumbers.size;

/** The day number of a YYYY-MM-DD date; memoized, since merging compares the same dates many times. */
function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    if (dayNumbers.size >= MAX_DAY_NUMBERS) dayNumbers.clear();
    dayNumbers.set(date, (n = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)));
  }
  return n;
}

/** Days between two YYYY-MM-DD dates. */
function dayDiff(a: string, b: string): number {
  return Math.abs(dayNumber(a) - dayNumber(b));
}

export function datesCompatible(a: { date: string; precision: Precision }, b: { date: string; precision: Precision }): boolean {
  const coarse = PRECISION_RANK[a.precision] >= PRECISION_RANK[b.precision] ? a.precision : b.precision;
  switch (coarse) {
    case 'day':
      return dayDiff(a.date, b.date) <= 1;
    case 'week':
      return dayDiff(a.date, b.date) <= 4;
    case 'month':
      return a.date.slice(0, 7) === b.date.slice(0, 7);
    case 'year':
      return a.date.slice(0, 4) === b.date.slice(0, 4);
  }
}

const STOPWORDS = new Set(
  'the a an of in on at to for by with and or but from as into onto over after before during its their his her was were is are has have had been be that which who this these those peru peru’s peru\'s peruvian el la los las de del en y a por con que se su sus fue'.split(' '),
);

function contentWords(text: string): Set<string> {
  return new Set(
    normalizeName(text)
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 2 && !STOPWORDS.has(w))
      // crude stemming: "protesters"/"protests"/"protest" and "killed"/"killing" meet
      .map((w) => w.replace(/(?:ings?|ers?|ed|es|s)$/u, '')),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}

export interface Prepared {
  event: StoredEvent;
  kind: EventKind | null;
  /** Every kind of event word in the text ("impeached, arrested" → removal + arrest). */
  kinds: Set<EventKind>;
  words: Set<string>;
  places: Set<string>;
  actors: Set<string>;
}

export function prepare(event: StoredEvent): Prepared {
  const kinds = new Set(eventKinds(event.text));
  const stated = (event as { kind?: EventKind }).kind;
  if (stated) kinds.add(stated);
  const kind = stated ?? [...kinds][0] ?? null;
  return {
    event,
    kind,
    kinds,
    words: contentWords(event.text),
    places: new Set(event.places.map(normalizeName)),
    actors: new Set(event.actors.map(normalizeName)),
  };
}

const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

function sameEvent(a: Prepared, b: Prepared): boolean {
  if (!datesCompatible(a.event, b.event)) return false;
  const sim = jaccard(a.words, b.words);
  if (sim >= 0.34) return true;
  const sharedKinds = [...a.kinds].filter((k) => b.kinds.has(k));
  if (!sharedKinds.length) return false;
  const placeOk = (!a.places.size && !b.places.size) || overlaps(a.places, b.places);
  const actorOk = overlaps(a.actors, b.actors);
  // Weak kinds (protests) happen everywhere every day: also ask for a shared place or some shared words.
  if (sharedKinds.every((k) => k === 'protest')) return overlaps(a.places, b.places) && (actorOk || sim >= 0.15);
  return (placeOk && (actorOk || sim >= 0.1)) || (actorOk && sim >= 0.2) || (overlaps(a.places, b.places) && !a.actors.size && !b.actors.size);
}

function chooseText(group: Prepared[]): StoredEvent {
  return [...group].sort(
    (a, b) =>
      PRECISION_RANK[a.event.precision] - PRECISION_RANK[b.event.precision] ||
      Math.abs(a.event.text.length - 70) - Math.abs(b.event.text.length - 70),
  )[0]!.event;
}

function chooseDate(group: Prepared[]): { date: string; precision: Precision } {
  const best = Math.min(...group.map((p) => PRECISION_RANK[p.event.precision]));
  const precise = group.filter((p) => PRECISION_RANK[p.event.precision] === best);
  const counts = new Map<string, number>();
  for (const p of precise) counts.set(p.event.date, (counts.get(p.event.date) ?? 0) + 1);
  const date = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  return { date, precision: precise[0]!.event.precision };
}

/**
 * Index keys a member is found under: each of its words, places and actors, per month (and per year).
 * Two events can only be the same when they share one of these within a month of each other (see
 * sameEvent), so comparing with the members under those keys finds every match without comparing all
 * pairs.
 */
function tokensOf(p: Prepared): string[] {
  return [...p.words, ...[...p.places].map((x) => `p:${x}`), ...[...p.actors].map((x) => `a:${x}`)];
}

function monthsAround(date: string): string[] {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return [-1, 0, 1].map((offset) => {
    const d = new Date(Date.UTC(year, month - 1 + offset, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Processing order of the greedy merge: most precise first, then oldest (ties keep the input order). */
export const mergeOrder = (a: Prepared, b: Prepared): number =>
  PRECISION_RANK[a.event.precision] - PRECISION_RANK[b.event.precision] || a.event.date.localeCompare(b.event.date);

/** Precision rank (day 0 … year 3): the first part of a unit's place in the merge order. */
export const precisionRank = (precision: Precision): number => PRECISION_RANK[precision];

/**
 * The greedy merge, one unit at a time in merge order. A group is named by its founder's id (the first unit in it);
 * ids must sort as the units were added, so that the lowest id is the oldest group, as ties want. A unit can be
 * added with its group already known (`fixed`): it is then only indexed, as a later unit's candidate, not decided.
 */
export class GreedyMerge {
  private readonly index = new Map<string, Prepared[]>();
  private readonly groupOf = new Map<Prepared, string>();

  add(p: Prepared, id: string, fixed?: string): string {
    const group = fixed ?? this.decide(p) ?? id;
    this.groupOf.set(p, group);
    for (const token of tokensOf(p)) {
      for (const key of [`${p.event.date.slice(0, 7)}|${token}`, `Y${p.event.date.slice(0, 4)}|${token}`]) {
        const list = this.index.get(key);
        if (list) list.push(p);
        else this.index.set(key, [p]);
      }
    }
    return group;
  }

  /** The group p joins among the units added so far (null: it founds one). */
  private decide(p: Prepared): string | null {
    const periods = p.event.precision === 'year' ? [`Y${p.event.date.slice(0, 4)}`] : monthsAround(p.event.date);
    const candidates = new Set<Prepared>();
    for (const token of tokensOf(p)) {
      for (const period of periods) {
        const postings = this.index.get(`${period}|${token}`);
        // A word hundreds of events of a month share ("protest", "Lima") tells none of them apart; rarer
        // shared words still bring the real matches, and the merge stays near-linear on large stores.
        if (!postings || postings.length > MAX_POSTINGS) continue;
        for (const q of postings) candidates.add(q);
      }
    }
    // Join the group whose best match is strongest (most shared words among matching members).
    const scores = new Map<string, { best: number; count: number }>();
    for (const q of candidates) {
      if (!sameEvent(p, q)) continue;
      const group = this.groupOf.get(q)!;
      const score = scores.get(group) ?? { best: 0, count: 0 };
      score.best = Math.max(score.best, jaccard(p.words, q.words));
      score.count++;
      scores.set(group, score);
    }
    let bestGroup: string | null = null;
    let bestScore = -1;
    for (const [group, score] of scores) {
      const value = score.best + score.count * 0.01;
      if (value > bestScore || (value === bestScore && bestGroup !== null && group < bestGroup)) {
        bestScore = value;
        bestGroup = group;
      }
    }
    return bestGroup;
  }
}

/** One timeline entry from a group's members, in merge order. */
export function groupEvent(group: Prepared[]): TimelineEvent {
  const { date, precision } = chooseDate(group);
  const lead = chooseText(group);
  const places: string[] = [];
  const actors: string[] = [];
  for (const p of group) {
    for (const place of p.event.places) if (!places.includes(place)) places.push(place);
    for (const actor of p.event.actors) if (!actors.includes(actor)) actors.push(actor);
  }
  const seen = new Set<string>();
  const sources = group
    .map((p) => ({ ...p.event.source, quote: p.event.quote, text: p.event.text, documentId: p.event.documentId }))
    .filter((s) => {
      const key = `${s.documentId}|${s.quote}|${s.text}|${s.source}|${s.url ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { date, precision, text: lead.text, places, actors, sources };
}

/** Timeline order: oldest first, the more precise first, then the better sourced (ties: the older group first). */
export const timelineOrder = (a: TimelineEvent, b: TimelineEvent): number =>
  a.date.localeCompare(b.date) || PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision] || b.sources.length - a.sources.length;

/** Events from all sources → one entry per real-world event, oldest first. */
export function mergeEvents(events: StoredEvent[]): TimelineEvent[] {
  const prepared = events.map(prepare).sort(mergeOrder);
  const merge = new GreedyMerge();
  const groups = new Map<string, Prepared[]>();
  prepared.forEach((p, position) => {
    const group = merge.add(p, String(position).padStart(10, '0'));
    const members = groups.get(group);
    if (members) members.push(p);
    else groups.set(group, [p]);
  });
  return [...groups.values()].map(groupEvent).sort(timelineOrder);
}

export interface EventFilter {
  /** YYYY-MM-DD (inclusive) */
  from?: string | null;
  /** YYYY-MM-DD (inclusive) */
  to?: string | null;
  /** Words that must all appear (accent/case-insensitive) in the text, places, actors or quotes. */
  query?: string | null;
  /** A place the event names (accent/case-insensitive, whole name). */
  place?: string | null;
}

/** The days an event covers (first, last): its day, or its whole month or year. */
export function eventSpan(e: TimelineEvent): [string, string] {
  if (e.precision === 'month') return [`${e.date.slice(0, 7)}-01`, `${e.date.slice(0, 7)}-31`];
  if (e.precision === 'year') return [`${e.date.slice(0, 4)}-01-01`, `${e.date.slice(0, 4)}-12-31`];
  return [e.date, e.date];
}

/** The normalized text a query's words are looked for in: the event's text, places, actors, quotes and outlets. */
export const eventWords = (e: TimelineEvent): string => normalizeName([e.text, ...e.places, ...e.actors, ...e.sources.map((s) => `${s.quote} ${s.source}`)].join(' '));

/** A query's words as `filterEvents` looks for them (normalized, each a substring of `eventWords`). */
export const queryWords = (query: string | null | undefined): string[] => (query ? normalizeName(query).split(/\s+/).filter(Boolean) : []);

/** Events within [from, to] naming `place` and matching every word of `query`. Month-precision events count for their whole month. */
export function filterEvents(events: TimelineEvent[], filter: EventFilter = {}): TimelineEvent[] {
  const words = queryWords(filter.query);
  const place = filter.place ? normalizeName(filter.place) : null;
  return events.filter((e) => {
    if (place && !e.places.some((name) => normalizeName(name) === place)) return false;
    const [start, end] = eventSpan(e);
    if (filter.from && end < filter.from) return false;
    if (filter.to && start > filter.to) return false;
    if (!words.length) return true;
    const hay = eventWords(e);
    return words.every((w) => hay.includes(w));
  });
}

/** Timeline lines for chat: "2023-01-09  19 protesters killed in Juliaca (Juliaca) — RT, teleSUR". */
export function timelineText(events: TimelineEvent[], limit = 25): string {
  if (!events.length) return 'No dated events found.';
  const shown = events.length > limit ? events.slice(-limit) : events;
  const lines = shown.map((e) => {
    const date = e.precision === 'month' ? `${e.date.slice(0, 7)}   ` : e.date;
    const outlets = [...new Set(e.sources.map((s) => s.source))];
    return `${date}  ${e.text}${outlets.length ? ` — ${outlets.slice(0, 3).join(', ')}${outlets.length > 3 ? ` +${outlets.length - 3}` : ''}` : ''}`;
  });
  if (events.length > limit) lines.unshift(`(${events.length - limit} earlier events not shown)`);
  return lines.join('\n');
}
