import { isoDay } from '../core/calendar.ts';
import { AUTHOR_PREFIX, authorField, isNameLine, parseBylineLine, parseTrailerLine, type Byline } from './byline.ts';
import { cleanText, joinLines } from './clean.ts';
import { cuedPublicationDate, lastEditedDate, readingForText, wireDatelineDate, yearlessDay } from './dates.ts';
import { detectLanguage } from './language.ts';

/** One story out of a page. */
export interface Post {
  title: string | null;
  text: string;
  /** ISO date (YYYY-MM-DD) or full ISO timestamp; null when the page gives no date for this post. */
  published: string | null;
  outlet: string | null;
  byline: string | null;
  /**
   * `--MM-DD` when the post's only date is a wire dateline without a year ("BOGOTÁ, 3 may (EFE) —"):
   * the page cannot tell the year, whoever knows the story may (`yearOfDay`).
   */
  datelineDay: string | null;
  /** `published` is only the page's last-edit date ("Última edición: …", "Last updated …"): a date the page's own metadata beats. */
  fromEdit?: true;
}

export interface SplitOptions {
  /** The page's own title (HTML <title>, Markdown `# Title`): a first line equal to it is the title, not text. */
  fileTitle?: string;
  /**
   * Split at headlines that have no byline (teaser index pages). Default true. Off for an HTML page
   * Readability identified as one article, whose subheadings must not become posts.
   */
  teasers?: boolean;
  /** The page's language (ISO 639-1), for reading numeric dates; detected from the text when not given. */
  language?: string | null;
}

/*
 * How a page is read:
 * 1. Blog pages: a post starts at a headline line directly followed by a byline line ("teleSUR | December 19, 2022")
 *    and may end with a trailer ("May 27, 2023 Posted by | … | Leave a comment"). Subheadings inside a
 *    post have no byline, so they do not split it — unless the page as a whole reads as a teaser
 *    index (headline sections of at most two paragraphs), where undated teasers sit among dated ones.
 * 2. Teaser index pages: title-like lines each followed by one or two paragraphs.
 * 3. Anything else is one post, titled by its first line when that line is a headline.
 * Dates: a post's date is its byline's date (the original publication), or else the date of the wire
 * dateline opening its first paragraph ("SANTIAGO, 29 oct (Télam) —"); a reposting blog's trailer date
 * is used only when the post has neither, and an encyclopedia's "last edited on" date only when nothing
 * else dates the page. Posts never borrow a date from each other. A date told in the story is never one.
 */

const MAX_TEASER_PARAGRAPHS = 2;

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

function isParagraph(s: string): boolean {
  const words = wordCount(s);
  return words >= 8 && (/[.!?:…]["”’»)\]]*$/.test(s) || words > 25);
}

/** A headline-shaped line: short, starts like a title, does not end like a sentence or a list item. */
function headlineShaped(s: string, minWords = 3): boolean {
  const words = wordCount(s);
  if (words < minWords || words > 25 || s.length > 200) return false;
  if (/[.,;:]$/.test(s)) return false;
  // ("#EndSARS: Police put toll at 73": a hashtag may open a headline)
  if (!/^(?:[\p{Lu}\d"“‘'¿¡«]|#\p{L})/u.test(s)) return false;
  if (/^(?:[•*+–—-]|\d+[.)])\s/.test(s)) return false;
  // (a line that is a standfirst and a byline may still be the headline: "Title | Outlet, 8 de noviembre de 2019")
  const byline = parseBylineLine(s);
  return (byline === null || byline.deck !== undefined) && parseTrailerLine(s) === undefined;
}

const MINOR_WORDS = new Set(
  'with from into over amid that this than upon after about under before between against during without within their your para sobre entre como desde contra hacia tras ante bajo según durante'.split(' '),
);

/** Title Case: most significant words capitalized ("Peruvians Block Roads In Cusco And Puno"). */
function titleCased(s: string): boolean {
  const words = s
    .split(/\s+/)
    .slice(1)
    .map((w) => w.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, ''))
    .filter((w) => w.length >= 4 && /^\p{L}/u.test(w) && !MINOR_WORDS.has(w.toLowerCase()));
  if (words.length === 0) return true;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.6;
}

class Page {
  private editedDate: string | null | undefined;

  constructor(
    readonly lines: string[],
    readonly language: string | null = null,
  ) {}

  /** The date of the page's encyclopedia edit or version line ("versión de octubre de 2022"), if it has one. */
  edited(): string | null {
    if (this.editedDate === undefined) this.editedDate = this.lines.map((l) => lastEditedDate(l, this.language)).find((date) => date !== null) ?? null;
    return this.editedDate;
  }

  next(i: number): number {
    for (let j = i + 1; j < this.lines.length; j++) if (this.lines[j]) return j;
    return -1;
  }

  line(i: number): string {
    return this.lines[i] ?? '';
  }

  /** One or two lines of names alone from `j`, then a dated byline line ("Jane Doe" / "Associated Press" / "June 25, 2024"). */
  namesThenDate(j: number): { at: number; byline: Byline } | null {
    const names: string[] = [];
    let k = j;
    for (; k >= 0 && names.length < 2 && isNameLine(this.line(k)); k = this.next(k)) names.push(this.line(k).trim());
    if (names.length === 0 || k < 0) return null;
    const dated = parseBylineLine(this.line(k), this.language);
    if (!dated || (dated.published === null && !dated.readings)) return null;
    return { at: k, byline: { ...dated, byline: dated.byline ?? names[0]!, outlet: dated.outlet ?? names[1] ?? null } };
  }

  /** A headline, not the first sentence of a paragraph: the line before it, if any, ends a sentence. */
  isHeadline(i: number, minWords = 3): boolean {
    const s = this.line(i);
    if (!headlineShaped(s, minWords)) return false;
    const prev = this.line(i - 1);
    return !prev || /[.!?:"”’)]$/.test(prev);
  }

  followedByParagraph(i: number): boolean {
    const j = this.next(i);
    return j >= 0 && (isParagraph(this.line(j)) || wireDatelineDate(this.line(j)) !== null);
  }

  bylineAfter(i: number): { at: number; byline: Byline } | null {
    const j = this.next(i);
    if (j < 0 || j - i > 2) return null;
    const byline = parseBylineLine(this.line(j), this.language);
    if (byline) return { at: j, byline };
    const named = this.namesThenDate(j);
    if (named) return named;
    // A deck (standfirst) between headline and byline: "Systemic Shortcomings Require Police Reform".
    if (!isDeck(this.line(j))) return null;
    const k = this.next(j);
    if (k < 0 || k - j > 2) return null;
    const afterDeck = parseBylineLine(this.line(k), this.language);
    return afterDeck ? { at: k, byline: afterDeck } : null;
  }
}

/** An infobox's date row ("Fecha: 5 de junio de 2009", "Date: 7 December 2022"): the events' day, not the page's. */
const INFOBOX_DATE_ROW = /^(?:fecha|date|dates|fechas)\s*:/i;

/** A deck under a headline: headline-shaped, not a sentence of the story. */
function isDeck(s: string): boolean {
  return headlineShaped(s, 3);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

/** Build a post from lines [from, to): headline, byline and trailer become fields, the rest is its text. */
function makePost(page: Page, from: number, to: number, opts: SplitOptions, headline: boolean): Post | null {
  const lines = page.lines.slice(from, to);
  const language = page.language;
  const content = () => lines.findIndex((l) => l !== '');
  const contentAfter = (k: number) => lines.findIndex((l, i) => i > k && l !== '');
  let published: string | null = null;
  let byline: Byline | null = null;
  let title: string | null = null;

  // Trailer at the end: the reposting blog's date, a fallback only.
  for (let k = lines.length - 1; k >= 0; k--) {
    const l = lines[k] ?? '';
    if (!l) continue;
    // (or a closing "Publicado el 13 de octubre de 2019": the page prints its date at the foot)
    const cued = cuedPublicationDate(l, language);
    const trailer = parseTrailerLine(l) ?? (cued ? { published: cued } : undefined);
    if (trailer) {
      published = trailer.published;
      lines.splice(k, 1);
    }
    break;
  }
  // An encyclopedia's "last edited on" line: page chrome, and the page's date only when nothing else dates it.
  // (the page's own line dates every post of it: a copy's header may sit above the article's repeated title)
  let edited: string | null = null;
  for (let k = 0; k < lines.length; k++) {
    const date = lastEditedDate(lines[k] ?? '', language);
    if (!date) continue;
    edited ??= date;
    lines.splice(k--, 1);
  }
  // (a post that is the whole page has just read every line of it)
  if (from > 0 || to < page.lines.length) edited ??= page.edited();

  if (!headline) {
    // Site names, section labels: short lines before the story that are neither headline nor text.
    for (let k = content(); k >= 0; k = content()) {
      const l = lines[k] ?? '';
      const sub = new Page(lines, language);
      const isTitle = (opts.fileTitle && sameTitle(l, opts.fileTitle)) || (sub.isHeadline(k) && (sub.followedByParagraph(k) || sub.bylineAfter(k)));
      if (isTitle || isParagraph(l) || wordCount(l) > 3 || /[.!?:]$/.test(l)) break;
      lines.splice(k, 1);
    }
  }
  const first = content();
  if (first >= 0) {
    const l = lines[first] ?? '';
    const sub = new Page(lines, language);
    if (
      headline ||
      (opts.fileTitle && sameTitle(l, opts.fileTitle)) ||
      (sub.isHeadline(first) && (sub.followedByParagraph(first) || sub.bylineAfter(first)))
    ) {
      title = l;
      lines.splice(first, 1);
    }
  }
  // Byline and date lines right under the headline ("By X – Outlet – date", "Posted on <date>"), maybe
  // after a deck, which stays in the text: "Investigate Killings of at Least 30 People" is the story's.
  let bylineDate: string | null = null;
  let readings: string[] = [];
  let at = content();
  // Names alone on their lines, then the date: the names are the byline's, read as one with it.
  if (at >= 0 && title) {
    const named = new Page(lines, language).namesThenDate(at);
    if (named) {
      byline = { byline: named.byline.byline, outlet: named.byline.outlet, published: null };
      lines.splice(at, named.at - at);
    }
  }
  // (A deck may end with a full stop, as Spanish decks do: only the byline line after it decides.)
  if (at >= 0 && title && !parseBylineLine(lines[at] ?? '', language) && wordCount(lines[at] ?? '') <= 60) {
    const next = contentAfter(at);
    if (next >= 0 && parseBylineLine(lines[next] ?? '', language)) at = next;
  }
  for (let seen = 0; at >= 0 && seen < 2; seen++) {
    const found = parseBylineLine(lines[at] ?? '', language);
    if (!found) break;
    // "Outlet | City | date" then "Por X": each line fills what the other left out.
    byline = byline ? { byline: byline.byline ?? found.byline, outlet: byline.outlet ?? found.outlet, published: null } : found;
    // ("Fecha: 5 de junio de 2009" on an encyclopedia copy dated by its version line: the infobox's date of the events)
    if (!(edited && INFOBOX_DATE_ROW.test(lines[at] ?? ''))) bylineDate ??= found.published;
    if (!readings.length && found.readings) readings = found.readings;
    // (a standfirst told before the byline on its line stays in the text)
    if (found.deck) lines.splice(at, 1, found.deck);
    else lines.splice(at, 1);
    at = contentAfter(at - 1);
  }
  // A wire dateline opening the story ("BOGOTÁ, 3 may (EFE) —"): it stays in the text, its date dates the post.
  let datelineDay: string | null = null;
  const lead = content();
  const dateline = lead >= 0 ? wireDatelineDate(lines[lead] ?? '') : null;
  if (dateline) {
    // "SANTIAGO, 29 oct (Télam) — Por Martín Oyarzún, enviado especial": the author signs after the dateline.
    const signed = (lines[lead] ?? '').slice(dateline.length).trim();
    const author = AUTHOR_PREFIX.test(signed) ? authorField(signed) : null;
    if (author && !byline) byline = { byline: author.name, outlet: author.outlet, published: null };
    // A byline's date comes first; a dateline with its year dates the post like one.
    if (!bylineDate && dateline.year && dateline.month) bylineDate = isoDay(dateline.year, dateline.month, dateline.day);
    else if (!bylineDate) datelineDay = yearlessDay(dateline);
  }
  // ("06/04/2022" on an English page: the reading the story's own dates support)
  if (!bylineDate && readings.length) bylineDate = readingForText(readings, joinLines(lines));
  published = bylineDate ?? published ?? (datelineDay ? null : edited);

  const text = cleanText(joinLines(lines));
  if (!text.split('\n').some((l) => wordCount(l) >= 8)) return null;
  const fromEdit = published !== null && published === edited && !bylineDate;
  return { title, text, published, outlet: byline?.outlet ?? null, byline: byline?.byline ?? null, datelineDay: published ? null : datelineDay, ...(fromEdit ? { fromEdit: true as const } : {}) };
}

function fromBoundaries(page: Page, starts: number[], headlineAt: Set<number>, opts: SplitOptions): Post[] {
  const bounds = [...new Set([0, ...starts])].sort((a, b) => a - b);
  const posts: Post[] = [];
  bounds.forEach((from, k) => {
    const post = makePost(page, from, bounds[k + 1] ?? page.lines.length, opts, headlineAt.has(from));
    if (post) posts.push(post);
  });
  return posts;
}

/** Split a page's text into its posts (one post for a single article). Each post's text is cleaned. */
export function splitPosts(text: string, opts: SplitOptions = {}): Post[] {
  const cleaned = cleanText(text, { keepTrailers: true });
  const page = new Page(cleaned.split('\n'), opts.language === undefined ? detectLanguage(cleaned) : opts.language);
  const n = page.lines.length;

  const bylineStarts: number[] = [];
  const afterTrailers: number[] = [];
  for (let i = 0; i < n; i++) {
    if (page.isHeadline(i, 2) && page.bylineAfter(i)) bylineStarts.push(i);
    if (parseTrailerLine(page.line(i))) afterTrailers.push(i + 1);
  }
  const countable = (l: string) => l !== '' && !parseBylineLine(l, page.language) && !parseTrailerLine(l);
  const sectionSizes = (heads: number[]) => heads.map((h, k) => page.lines.slice(h + 1, heads[k + 1] ?? n).filter(countable).length);
  const isTeaserIndex = (heads: number[]) => heads.length >= 2 && median(sectionSizes(heads)) <= MAX_TEASER_PARAGRAPHS;

  const strong: number[] = [];
  const weak: number[] = [];
  if (opts.teasers !== false) {
    for (let i = 0; i < n; i++) {
      if (!page.isHeadline(i)) continue;
      const last = page.next(i) < 0;
      if (page.followedByParagraph(i)) weak.push(i);
      if (titleCased(page.line(i)) && (last || page.followedByParagraph(i))) strong.push(i);
    }
  }

  if (bylineStarts.length > 0 || afterTrailers.length > 0) {
    // An index whose teasers are only partly dated: every headline starts a post.
    // One article under one byline at the top: its sentence-case subheadings ("El llamado a marchar") are sections,
    // not undated teasers of an index.
    const oneArticle = bylineStarts.length === 1 && afterTrailers.length === 0 && ![...strong, ...weak].some((h) => h < bylineStarts[0]!);
    const heads = [...new Set([...bylineStarts, ...strong, ...(oneArticle ? [] : weak)])].sort((a, b) => a - b);
    const starts = heads.length > bylineStarts.length && isTeaserIndex(heads) ? heads : bylineStarts;
    return fromBoundaries(page, [...starts, ...afterTrailers.filter((i) => i < n)], new Set(starts), opts);
  }
  if (isTeaserIndex(strong)) return fromBoundaries(page, strong, new Set(strong), opts);
  // Sentence-case headlines: only a strictly regular headline + one paragraph pattern counts.
  if (weak.length >= 3 && sectionSizes(weak).every((size) => size === 1)) {
    return fromBoundaries(page, weak, new Set(weak), opts);
  }

  const single = makePost(page, 0, n, opts, false);
  return single ? [single] : [];
}
