/**
 * Story configs (config/stories/<id>.yaml): loading, validation and gazetteer look-ups.
 * Pure apart from reading the file; errors name the file and the offending field.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { yaml } from '../core/yaml.ts';
import { z } from 'zod';
import { CronistaError } from '../core/errors.ts';
import { normalizeText } from '../documents/dedup.ts';
import { addDays, monthWords } from '../core/calendar.ts';
import type { Story } from './types.ts';

/** A Story as loaded from YAML; `actors` (optional) are names the event extractor looks for. */
export type StoryConfig = Story & { actors?: string[] };

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

const nonEmpty = z.string().trim().min(1, 'must be a non-empty string');

const regionSchema = z.object({
  name: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  places: z.array(nonEmpty).default([]),
});

const storySchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes (e.g. "peru-crisis")'),
  name: nonEmpty,
  start: z.preprocess(
    // YAML reads an unquoted 2022-12-07 as a Date: accept it as the day it names.
    (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
    z
      .string()
      .regex(isoDay, 'must be a YYYY-MM-DD date')
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a real date'),
  ),
  keywords: z.array(nonEmpty).min(1, 'needs at least one keyword'),
  regions: z.array(regionSchema).default([]),
  officialSources: z.array(nonEmpty).default([]),
  actors: z.array(nonEmpty).optional(),
});

/** A story file that cannot be used: one line naming the file and the field (a CronistaError, so no stack trace). */
export class StoryConfigError extends CronistaError {
  override name = 'StoryConfigError';
  constructor(
    message: string,
    readonly path: string,
    readonly field: string | null,
  ) {
    super(message.split('\n')[0]!.trim());
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** Validates an already-parsed object; `origin` names it in errors. */
export function parseStory(data: unknown, origin = 'story'): StoryConfig {
  const result = storySchema.safeParse(data);
  if (!result.success) {
    const first = result.error.issues[0];
    const field = first ? fieldName(first.path) : null;
    const details = result.error.issues
      .map((issue) => `${fieldName(issue.path)}: ${issue.message}`)
      .join('; ');
    throw new StoryConfigError(`${origin}: invalid story config: ${details}`, origin, field);
  }
  const story = result.data;
  const seen = new Set<string>();
  story.regions.forEach((region, i) => {
    const key = normalizeName(region.name);
    if (seen.has(key)) {
      throw new StoryConfigError(
        `${origin}: invalid story config: regions[${i}].name: duplicate region "${region.name}"`,
        origin,
        `regions[${i}].name`,
      );
    }
    seen.add(key);
  });
  const out: StoryConfig = {
    id: story.id,
    name: story.name,
    start: story.start,
    keywords: story.keywords,
    regions: story.regions,
    officialSources: story.officialSources,
  };
  if (story.actors) out.actors = story.actors;
  return out;
}

/**
 * Stories already read and validated, by `storyTextKey` of their file's text: the build writes the bundled
 * ones (dist/stories.json, scripts/build.mjs) because parsing YAML is most of a CLI start's work. Only a
 * file whose text is byte for byte one that validated is taken from it; any other is parsed and checked.
 */
export type ParsedStories = ReadonlyMap<string, StoryConfig>;

/** The key of a story file's text in `ParsedStories`. */
export function storyTextKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `ParsedStories` from a JSON file (`{ key: story }`); empty when `path` is null, missing or unreadable. */
export function readParsedStories(path: string | null): ParsedStories {
  if (!path) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, StoryConfig>));
  } catch {
    return new Map();
  }
}

/** Reads and validates one story file; throws StoryConfigError naming the file and field. */
export function loadStory(path: string, parsed: ParsedStories = new Map()): StoryConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new StoryConfigError(`${path}: cannot read story config: ${(err as Error).message}`, path, null);
  }
  const known = parsed.size > 0 ? parsed.get(storyTextKey(text)) : undefined;
  if (known) return structuredClone(known); // callers add keywords and places to their stories
  let data: unknown;
  try {
    data = yaml().parse(text);
  } catch (err) {
    throw new StoryConfigError(`${path}: invalid YAML: ${(err as Error).message}`, path, null);
  }
  return parseStory(data, path);
}

/** Every *.yaml / *.yml in `dir`, sorted by file name; ids must be unique. `parsed`: see ParsedStories. */
export function loadStories(dir: string, parsed: ParsedStories = new Map()): StoryConfig[] {
  const files = readdirSync(dir)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();
  const stories = files.map((name) => loadStory(join(dir, name), parsed));
  const ids = new Map<string, string>();
  stories.forEach((story, i) => {
    const path = join(dir, files[i]!);
    const first = ids.get(story.id);
    if (first) {
      throw new StoryConfigError(`${path}: invalid story config: id: duplicate story id "${story.id}" (also in ${first})`, path, 'id');
    }
    ids.set(story.id, path);
  });
  return stories;
}

/** Lowercase, accents stripped, apostrophes/dashes/spaces folded: "Apurímac" → "apurimac". */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`´]/g, '')
    .replace(/[-_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface GazetteerEntry {
  /** Canonical spelling of the place (as the config writes it). */
  place: string;
  region: string;
  /** True when the name is the region itself (or one of its aliases). */
  isRegion: boolean;
}

const indexCache = new WeakMap<Story, Map<string, GazetteerEntry>>();

function gazetteerIndex(story: Story): Map<string, GazetteerEntry> {
  const cached = indexCache.get(story);
  if (cached) return cached;
  const index = new Map<string, GazetteerEntry>();
  // Places first, then regions override: "Puno" the region wins over "Puno" the city.
  for (const region of story.regions) {
    for (const place of region.places) {
      const key = normalizeName(place);
      if (!index.has(key)) index.set(key, { place, region: region.name, isRegion: false });
    }
  }
  for (const region of story.regions) {
    for (const name of [region.name, ...region.aliases]) {
      index.set(normalizeName(name), { place: region.name, region: region.name, isRegion: true });
    }
  }
  indexCache.set(story, index);
  return index;
}

/**
 * The region a place (or region name/alias) belongs to, accent/case-insensitive:
 * "juliaca" → { place: "Juliaca", region: "Puno" }; "Apurimac" → { place: "Apurímac", region: "Apurímac" }.
 */
export function placeToRegion(story: Story, name: string): { place: string; region: string } | null {
  let key = normalizeName(name);
  const index = gazetteerIndex(story);
  let entry = index.get(key);
  if (!entry) {
    // "Puno region", "región Puno", "department of Cusco", "city of Juliaca"
    key = key
      .replace(/^(the )?(city|town|province|region|department|district) of /, '')
      .replace(/^(la |el )?(ciudad|provincia|region|departamento|distrito) (de(l)? )?/, '')
      .replace(/ (region|department|province|city)$/, '')
      .trim();
    entry = index.get(key);
  }
  return entry ? { place: entry.place, region: entry.region } : null;
}

/** The canonical region name for a region name or alias ("Apurimac" → "Apurímac"), or null. */
export function canonicalRegion(story: Story, name: string): string | null {
  const hit = placeToRegion(story, name);
  return hit ? hit.region : null;
}

/**
 * Lower case without accents, the same length as `text` so offsets stay aligned (a whole-string NFD
 * would shift them). Only non-ASCII characters need the per-character work.
 */
function foldKeepingOffsets(text: string): string {
  const folded = text
    .replace(/[^\x00-\x7f]/g, (ch) => {
      const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
      return base.length === ch.length ? base : ch;
    })
    .replace(/[’`´]/g, "'")
    .toLowerCase();
  return folded.length === text.length ? folded : text.replace(/[’`´]/g, "'");
}

export interface PlaceMention {
  /** Canonical spelling from the gazetteer. */
  place: string;
  region: string;
  isRegion: boolean;
  /** Offsets in the searched text. */
  index: number;
  end: number;
}

const regexCache = new WeakMap<Story, RegExp>();

/**
 * A gazetteer name as it is looked for in folded text: lower case, no accents, apostrophes kept ("N'Djamena" is written
 * with one) and hyphens, dots and underscores as word breaks ("KwaZulu-Natal", "Port-au-Prince", "St. Louis"). The
 * index's keys (normalizeName) drop the apostrophes, so a name written either way finds its entry.
 */
function searchForm(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .replace(/[-_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every name of a story's gazetteer (places, regions, aliases) in its search form, longest first. */
function searchForms(story: Story): string[] {
  const names = story.regions.flatMap((region) => [...region.places, region.name, ...region.aliases]);
  return [...new Set(names.map(searchForm).filter(Boolean))].sort((a, b) => b.length - a.length);
}

/**
 * Letters (any script) so "Juli" does not match inside "Juliaca"; between a name's words a space, a hyphen or a dot
 * ("KwaZulu-Natal" and "KwaZulu Natal" are one name: a pattern of the normalized keys alone, spaces only, missed every
 * hyphenated place).
 */
function mentionRegex(story: Story): RegExp {
  const cached = regexCache.get(story);
  if (cached) return cached;
  const escaped = searchForms(story).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s._-]+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  regexCache.set(story, re);
  return re;
}

/** Words after a name that make it a street, square, group or adjective, not the place. */
const NOT_A_PLACE_AFTER = /^(?:\s*-\s*based|\s+(?:avenue|av\.|street|square|plaza|group|declaration|airport|university|hospital|prison|party|ave\b))/i;
const NOT_A_PLACE_BEFORE = /(?:avenida|av\.|jiron|jr\.|calle|plaza|jose de|josé de|general|don)\s+$/i;

/**
 * Gazetteer places named in `text` (accent/case-insensitive, whole words), in text order.
 * Skips streets and squares named after places ("Abancay Avenue", "San Martin Square") and
 * "Lima-based"/"Lima Group".
 */
export function findPlaces(story: Story, text: string): PlaceMention[] {
  return placesInFolded(story, text, foldKeepingOffsets(text));
}

/** findPlaces over a text already folded (`foldKeepingOffsets`), so a text searched for many stories is folded once. */
function placesInFolded(story: Story, text: string, folded: string): PlaceMention[] {
  const re = mentionRegex(story);
  re.lastIndex = 0;
  const index = gazetteerIndex(story);
  const out: PlaceMention[] = [];
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const start = m.index;
    const end = start + m[0].length;
    const original = text.slice(start, end);
    // Place names are proper nouns: require a capital first letter in the original text.
    // ("departamento de Managua", "estado Barinas" are written lower-case in running text: the name is still capitalized)
    if (!/^\p{Lu}/u.test(original) && !/^(?:departamento|provincia|regi[oó]n|department|province|region|county|condado|estado|state|distrito|district|municipio|ciudad|city)(?:\s+(?:de|of|del))?\s+\p{Lu}/iu.test(original)) continue;
    if (NOT_A_PLACE_AFTER.test(text.slice(end, end + 20))) continue;
    if (NOT_A_PLACE_BEFORE.test(text.slice(Math.max(0, start - 12), start))) continue;
    const entry = index.get(normalizeName(m[0]));
    if (!entry) continue;
    out.push({ place: entry.place, region: entry.region, isRegion: entry.isRegion, index: start, end });
  }
  return out;
}

const firstWordsOf = new WeakMap<Story, ReadonlySet<string> | null>();

/**
 * The first words of a story's gazetteer names, or null when one of them holds anything but letters and digits. A name
 * matches only where its first word stands whole in the folded text, so a text none of whose words is in this set names
 * none of the story's places: storyFor skips such a story's (long) name pattern, the costliest part of choosing among
 * many stories.
 */
function firstWords(story: Story): ReadonlySet<string> | null {
  if (firstWordsOf.has(story)) return firstWordsOf.get(story)!;
  let words: Set<string> | null = new Set();
  for (const name of searchForms(story)) {
    // (the text's words are its runs of letters and digits: "n'djamena" is "n" then "djamena")
    const first = /^[\p{L}\p{N}]+/u.exec(name)?.[0];
    if (!first) {
      words = null;
      break;
    }
    words.add(first);
  }
  firstWordsOf.set(story, words);
  return words;
}

function sharesAWord(words: ReadonlySet<string>, others: ReadonlySet<string>): boolean {
  for (const word of words) if (others.has(word)) return true;
  return false;
}

/** What a topic keyword of a story's own (written in lower case, listed by no other story) adds. */
const TOPIC_WEIGHT = 0.5;

/** What a story's keywords may add to its score at most (its places add 3 at most). */
const KEYWORDS_CAP = 3;

/** What naming a story's first day ("desde el 12 de febrero") adds: more than its year, as much as its places. */
const START_DAY_WEIGHT = 3;

/** How long before a story's start a happening still belongs to it: the vote or the killing that set it off. */
export const LEAD_UP_DAYS = 30;

/**
 * The story a document belongs to: the one whose keywords and gazetteer places it names most, or null. A keyword several
 * followed stories share ("protests", "Defensoría del Pueblo") weighs less than one of its own ("Bolivia", "Senkata"):
 * each counts 1 / (the number of the given stories listing it), so a story with a long list of generic words does not
 * take another story's reports. A name (a keyword written with a capital: "Boluarte", "Finance Bill") counts whole, a
 * topic ("fuel prices", "protesters") half: one topic word alone does not make a report about fuel prices in Norway
 * Ecuador's (an acronym, "MAS", counts only written in capitals). Keywords add 3 at most, and each distinct place of the
 * story's gazetteer named counts 1 (at most 3). Among several stories, the start year the text names most adds 1 and
 * the story's first day named ("desde el 12 de febrero") adds 3 to a story found by one of the names the best-scored
 * story was found by (another story of its country), a story needs a score of 1 (its names counted whole there, however
 * many stories share them), and a tie goes to the story that began later (stories found by the same names tie when
 * their scores differ by less than one topic word of a story's own and neither is named); asked about one story alone,
 * any of its words will do.
 */
export function storyFor(document: { title: string | null; text: string; published?: string | null }, stories: readonly Story[]): Story | null {
  // (asked about one story — a digest asks it of each new report —, a word of it in the title or the lead answers; the
  // whole text is read when they name none)
  if (stories.length === 1 && namesAKeyword(stories[0]!, `${document.title ?? ''} ${leadOf(document.text)}`)) return stories[0]!;
  const written = `${document.title ?? ''} ${document.text}`;
  const text = ` ${normalizeText(written)} `;
  // Two stories in one country share their words: the year each began, named most often in the text, tells them apart,
  // and a story cannot be one that began more than a month after the report was published.
  const several = stories.length > 1;
  const published = several ? (document.published?.slice(0, 10) ?? null) : null;
  const yearCounts = several ? yearsNamed(written) : new Map<string, number>();
  const startYearCount = (story: Story) => yearCounts.get(story.start.slice(0, 4)) ?? 0;
  const mostNamed = Math.max(0, ...stories.map(startYearCount));
  const shared = sharedKeywords(stories);
  // Each text is normalized, folded and split into words once, not once per story: a keyword or a place whose first word
  // the text lacks is not looked for.
  const words = new Set(text.split(' '));
  const head = `${document.title ?? ''}\n${leadOf(document.text)}`;
  let folded: { text: string; words: Set<string> } | undefined;
  const foldedHead = () => {
    if (!folded) {
      const text = foldKeepingOffsets(head);
      folded = { text, words: new Set(text.match(/[\p{L}\p{N}]+/gu)) };
    }
    return folded;
  };
  // (a report asked about one story needs one of its words; choosing among several needs a name, a place or two topics)
  const minimum = stories.length > 1 ? 1 : 0.5;
  // (each story's score, and the names it was found by: its places and its capitalized keywords named in the text)
  const scored: { story: Story; score: number; names: Set<string>; byName: boolean }[] = [];
  let best: Story | null = null;
  let bestScore = 0;
  for (const story of stories) {
    if (published && addDays(story.start, -LEAD_UP_DAYS) > published) continue;
    let keywords = 0;
    // (whether the report is about a story followed at all: a name it gives counts whole even when several followed
    // stories share it — three Venezuelan stories share "Venezuela", which is still a Venezuelan report)
    let named = 0;
    const keywordNames: string[] = [];
    for (const [keyword, entry] of keywordWeights(story)) {
      if (!namesKeyword(keyword, entry, { text, words, written })) continue;
      const { weight } = entry;
      keywords += weight / (shared.get(keyword) ?? 1);
      named += weight === 1 ? 1 : weight / (shared.get(keyword) ?? 1);
      if (weight === 1) keywordNames.push(keyword);
    }
    // (one story asked about whose words already reach the minimum: where its places are changes nothing — a digest
    // asks this of every new report — while choosing among several weighs them)
    const first = firstWords(story);
    const placesCount = several || Math.min(KEYWORDS_CAP, named) < minimum;
    const mayNamePlaces = placesCount && (first === null || sharesAWord(first, foldedHead().words));
    const names = new Set(mayNamePlaces ? placesInFolded(story, head, foldedHead().text).map((p) => normalizeName(p.place)) : []);
    let base = Math.min(3, names.size);
    if (mostNamed > 0 && startYearCount(story) === mostNamed) base += 1;
    for (const keyword of keywordNames) names.add(keyword);
    // (capped as places are: a story with a longer list of words — "venezolano, venezolana, venezolanos" — is no likelier)
    const score = base + Math.min(KEYWORDS_CAP, keywords);
    if (base + Math.min(KEYWORDS_CAP, named) >= minimum) scored.push({ story, score, names, byName: keywordNames.length > 0 });
  }
  const leader = scored.reduce<(typeof scored)[number] | null>((a, b) => (a && a.score >= b.score ? a : b), null);
  const final: typeof scored = [];
  for (const { story, score: before, names, byName } of scored) {
    let score = before;
    // ("las protestas que comenzaron el pasado 12 de febrero": the day a story began, named, tells it from another story
    // of its country as its year does — only from a story found by one of the same names (its country, a place), so a
    // date the text gives for another reason, "el 21 de octubre", does not take a report of another country's story)
    if (several && leader && sharesAWord(names, leader.names) && namesStartDay(story, document.text)) score += START_DAY_WEIGHT;
    // (a tie goes to the story that began later: a report naming neither year is likelier news of the newer story)
    if (score > bestScore || (score === bestScore && best !== null && story.start > best.start)) {
      best = story;
      bestScore = score;
    }
    final.push({ story, score, names, byName });
  }
  // Two stories of one country found by the same places and by none of their names, told apart only by generic words
  // each lists (shares of "protests", "police"), are a tie too: less than one topic word of its own is no evidence,
  // and the longer list would otherwise take the other story's reports. The later story wins, as in a tie.
  const top = final.find((entry) => entry.story === best);
  for (const { story, score, names, byName } of final) {
    if (top && best && !top.byName && !byName && story.start > best.start && score > bestScore - TOPIC_WEIGHT && sharesAWord(names, top.names)) {
      best = story;
    }
  }
  return best;
}

/** The text's first 3,000 characters or so, cut between words (so every word of it is one of the whole text's). */
function leadOf(text: string): string {
  if (text.length <= 3000) return text;
  const cut = text.lastIndexOf(' ', 3000);
  return cut > 0 ? text.slice(0, cut) : '';
}

/** Whether a text names one of a story's keywords. */
function namesAKeyword(story: Story, written: string): boolean {
  const text = ` ${normalizeText(written)} `;
  const read = { text, words: new Set(text.split(' ')), written };
  for (const [keyword, entry] of keywordWeights(story)) if (namesKeyword(keyword, entry, read)) return true;
  return false;
}

/**
 * Whether a text names a keyword: `text` normalized between spaces, `words` its words (a keyword whose first word the
 * text lacks is not looked for), `written` as written (an acronym counts only in capitals).
 */
function namesKeyword(keyword: string, entry: KeywordWeight, read: { text: string; words: Set<string>; written: string }): boolean {
  if (!read.words.has(entry.first) || (entry.first !== keyword && !read.text.includes(` ${keyword} `))) return false;
  return !entry.acronym || entry.acronym.test(read.written);
}

const startDayPatterns = new WeakMap<Story, RegExp>();
/** Whether a text names the day and month a story began: "12 de febrero", "February 12", "12 Feb". */
function namesStartDay(story: Story, text: string): boolean {
  let re = startDayPatterns.get(story);
  if (!re) {
    const day = String(Number(story.start.slice(8, 10)));
    const months = monthWords(Number(story.start.slice(5, 7))).join('|');
    re = new RegExp(String.raw`(?<![\d\p{L}])(?:0?${day}(?:st|nd|rd|th)?\s+(?:de\s+)?(?:${months})\.?(?![\p{L}])|(?:${months})\.?\s+0?${day}(?:st|nd|rd|th)?(?!\d))`, 'iu');
    startDayPatterns.set(story, re);
  }
  return re.test(text);
}

/** How often each year ("2019") is written in a text. */
function yearsNamed(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

interface KeywordWeight {
  /** 1 for a name (capitalized), 0.5 for a topic. */
  weight: number;
  /** The keyword's first word: a text without it cannot hold the keyword. */
  first: string;
  /**
   * For an acronym ("MAS", "SAME", "CAME"), where it stands in capitals: folded, it is also a common word ("más",
   * "same", "came"), so it counts only where the text writes it as the acronym.
   */
  acronym?: RegExp;
}

/** A keyword written in capitals only, two letters or more: an organisation's or a party's initials. */
const ACRONYM = /^[\p{Lu}\p{N}]*\p{Lu}[\p{Lu}\p{N}]+$/u;

const weightsOf = new WeakMap<Story, Map<string, KeywordWeight>>();
/** A story's keywords, normalized once per story, with their weights. */
function keywordWeights(story: Story): Map<string, KeywordWeight> {
  let weights = weightsOf.get(story);
  if (!weights) {
    weights = new Map();
    for (const keyword of story.keywords) {
      const key = normalizeText(keyword);
      const written = keyword.trim();
      const weight = /^\p{Lu}/u.test(written) ? 1 : TOPIC_WEIGHT;
      if (!key) continue;
      const entry: KeywordWeight = { weight: Math.max(weights.get(key)?.weight ?? 0, weight), first: key.split(' ')[0]! };
      // (a key listed both ways, "MAS" and "Mas", is matched as its non-acronym form)
      const acronym = ACRONYM.test(written) && (!weights.has(key) || weights.get(key)!.acronym) ? new RegExp(`(?<![\\p{L}\\p{N}])${written}(?![\\p{L}\\p{N}])`, 'u') : undefined;
      if (acronym) entry.acronym = acronym;
      weights.set(key, entry);
    }
    weightsOf.set(story, weights);
  }
  return weights;
}

const sharedOf = new WeakMap<readonly Story[], { members: Story[]; counts: Map<string, number> }>();
/**
 * How many of the given stories list each keyword. Kept per list (the configured stories are one list for a run) while
 * it holds the same story objects: a story edited from chat is replaced by a copy in its list.
 */
function sharedKeywords(stories: readonly Story[]): Map<string, number> {
  const cached = sharedOf.get(stories);
  if (cached && cached.members.length === stories.length && cached.members.every((story, i) => story === stories[i])) return cached.counts;
  const counts = new Map<string, number>();
  for (const story of stories) for (const keyword of keywordWeights(story).keys()) counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
  sharedOf.set(stories, { members: [...stories], counts });
  return counts;
}
