import * as chrono from 'chrono-node';

/**
 * Publication-date cues. Everything here is strict on purpose: a string counts only when it is
 * (almost) nothing but a date, so a date told in the story ("on December 7 …") is never taken
 * for the date the story was published.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
// chrono's English parsers read "10.01.2023" month-first; bylines in this style (RT, Sputnik,
// most of Europe and Latin America) are day.month.year, so numeric dates are read by hand.
const DAY_FIRST = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;

const MIN_YEAR = 1990;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function ymd(year: number, month: number, day: number): string | null {
  const maxYear = new Date().getUTCFullYear() + 1;
  if (year < MIN_YEAR || year > maxYear || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null; // 31 February and the like
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** An ISO 8601 string from page metadata → `YYYY-MM-DD`, or a full UTC ISO timestamp when it has a time. */
export function normalizeIsoDate(value: string | null | undefined): string | null {
  const s = value?.trim();
  if (!s) return null;
  const dateOnly = ISO_DATE.exec(s);
  if (dateOnly) return ymd(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
  if (ISO_DATETIME.test(s)) {
    const d = new Date(s.replace(' ', 'T'));
    if (Number.isNaN(d.getTime())) return null;
    return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) ? d.toISOString() : null;
  }
  return parseDateString(s);
}

// Words that may sit next to a date in a byline without making it narrative.
// "Updated …" is left out on purpose: an update is not the publication.
const FILLER = /^(?:(?:published|posted|publicado|publicada|fecha(?: de publicación)?)\b(?:\s+(?:on|at|el|:))?\s*:?\s*)/i;

/**
 * A string that is nothing but a calendar date (with year, month and day) → `YYYY-MM-DD`.
 * "December 19, 2022", "MARCH 10, 2023", "10.01.2023", "3 de enero de 2023", "2023-01-03".
 */
export function parseDateString(value: string): string | null {
  const s = value.trim().replace(FILLER, '').replace(/[\s,.;|–—-]+$/, '').trim();
  if (!s || s.length > 60) return null;
  if (ISO_DATE.test(s) || ISO_DATETIME.test(s)) return normalizeIsoDate(s);
  const dayFirst = DAY_FIRST.exec(s);
  if (dayFirst) return ymd(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const yearFirst = YEAR_FIRST.exec(s);
  if (yearFirst) return ymd(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(s)) return null; // 01/02/2023: undecidable without the site's convention

  for (const parser of [chrono.en.strict, chrono.es.strict]) {
    const [hit] = parser.parse(s, new Date(), { forwardDate: false });
    if (!hit) continue;
    const start = hit.start;
    if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
    // The date must be the whole string, bar a weekday, a time or punctuation around it.
    const rest = (s.slice(0, hit.index) + s.slice(hit.index + hit.text.length))
      .replace(/\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b/gi, '')
      .replace(/\b\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?\b|\b(utc|gmt|[ecmp][sd]t)\b|\bhrs?\b/gi, '')
      .replace(/[\s,.;:|()–—-]+/g, '');
    if (rest.length > 0) continue;
    return ymd(start.get('year') ?? 0, start.get('month') ?? 0, start.get('day') ?? 0);
  }
  return null;
}

const CUE = /^(?:posted|published|publicado|publicada|fecha de publicación)\b(?:\s+(?:on|el))?\s*:?\s*/i;

/**
 * A publication-date cue on a line of its own → ISO date, else null:
 * "Posted on May 1, 2023 by admin", "Publicado el 3 de enero de 2023", "Published: 2023-01-03",
 * or a line that is only a date. Sentences with a date in them return null.
 */
export function publicationDateCue(line: string): string | null {
  const s = line.trim();
  if (s.length > 120) return null;
  const cue = CUE.exec(s);
  if (cue) {
    // "Posted on <date> by <author> | …": the date ends where the author or the next field starts.
    const rest = s.slice(cue[0].length).split(/\s+(?:by|por)\s+|\s+[|·•]\s+/i)[0] ?? '';
    return parseDateString(rest);
  }
  return parseDateString(s);
}
