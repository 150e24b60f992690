import { parseDateString, publicationDateCue } from './dates.ts';

/** What a byline line under a headline says: "By Nick Corbishley – naked capitalism – May 26, 2023". */
export interface Byline {
  byline: string | null;
  outlet: string | null;
  published: string | null;
}

// Field separators used in bylines: " | ", " – ", " — ", " - ", " · ".
const SEPARATOR = /\s+[|–—·•-]\s+|\s*\|\s*/;
const AUTHOR_PREFIX = /^(?:by|por|written by|escrito por)\s+/i;
const NAME_PARTICLE = /^(?:de|del|la|las|los|da|do|dos|van|von|der|y|e|and|&)$/i;

function isName(s: string): boolean {
  const words = s.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  return words.every((w) => NAME_PARTICLE.test(w) || /^[\p{Lu}][\p{L}'’.-]*$/u.test(w));
}

function isOutletName(s: string): boolean {
  const words = s.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 5 && !/[.!?:;,]$/.test(s) && /^[\p{L}\d]/u.test(s);
}

/** "W. T. WHITNEY" → "W. T. Whitney"; names already in mixed case are left alone. */
function tidyName(s: string): string {
  if (s !== s.toUpperCase()) return s;
  return s.toLowerCase().replace(/(^|[\s.'’-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/**
 * A byline line → its fields, or null when the line is not a byline.
 * A byline has a publication date ("teleSUR | December 19, 2022", "Samizdat – 10.01.2023",
 * "Posted on May 1, 2023") or an author introduced by "By"/"Por" ("By Lucas Leiroz").
 */
export function parseBylineLine(line: string): Byline | null {
  const s = line.trim();
  if (!s || s.length > 160) return null;
  const cueDate = publicationDateCue(s);
  if (cueDate && !SEPARATOR.test(s)) return { byline: null, outlet: null, published: cueDate };

  const fields = s.split(SEPARATOR).map((f) => f.trim()).filter(Boolean);
  if (fields.length > 4) return null;
  let byline: string | null = null;
  let outlet: string | null = null;
  let published: string | null = null;
  for (const field of fields) {
    if (/^(?:updated|actualizado|modified|modificado)\b/i.test(field)) continue; // an update is not the publication
    const date = parseDateString(field) ?? publicationDateCue(field);
    if (date) {
      if (published) return null;
      published = date;
      continue;
    }
    if (AUTHOR_PREFIX.test(field)) {
      const name = field.replace(AUTHOR_PREFIX, '').trim();
      if (byline || !isName(name)) return null;
      byline = tidyName(name);
      continue;
    }
    if (outlet || !isOutletName(field)) return null;
    outlet = field;
  }
  if (!published && !byline) return null;
  // An author alone must be the whole line ("By Lucas Leiroz"), not "By March 1, residents …".
  if (!published && fields.length > 2) return null;
  return { byline, outlet, published };
}

/**
 * The meta line a blog puts under each post: "May 27, 2023 Posted by | Civil Liberties | , , | Leave a comment".
 * Returns the date it names (null when none), or undefined when the line is not such a trailer.
 */
export function parseTrailerLine(line: string): { published: string | null } | undefined {
  const s = line.trim();
  if (s.length > 300) return undefined;
  const posted = /^(.{6,40}?)\s+(?:posted|publicado)\s+(?:by|in|por|en)\b/i.exec(s);
  if (posted) {
    const published = parseDateString(posted[1] ?? '');
    if (published) return { published };
  }
  if (/\|\s*(?:leave a comment|\d+ comments?|deja un comentario|\d+ comentarios?)\s*$/i.test(s)) return { published: null };
  return undefined;
}
