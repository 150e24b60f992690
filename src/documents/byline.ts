import { CLOCK_TIME, isUndecidedNumericDate, MONTH, numericReadings, parseDateString, publicationDateCue, TIME_ZONE, wireDatelineDate } from './dates.ts';

/** What a byline line under a headline says: "By Nick Corbishley – naked capitalism – May 26, 2023". */
export interface Byline {
  byline: string | null;
  outlet: string | null;
  published: string | null;
  /** A numeric date whose day/month order the page's language leaves open: both readings (`readingForText` picks). */
  readings?: string[];
  /**
   * A standfirst told on the byline's line before it ("Chow Tsz-lok, de 22 años, llevaba en coma desde el lunes | Hong
   * Kong, 8 de noviembre de 2019"): the story's text, which stays in it.
   */
  deck?: string;
}


// Field separators used in bylines: " | ", " – ", " — ", " - ", " · ", " / " (a slash with spaces: "12/05/2021" is a date).
const SEPARATOR = /\s+(?:--|[|–—·•/-])\s+|\s*\|\s*/;
const SEPARATORS = new RegExp(SEPARATOR.source, 'g');
export const AUTHOR_PREFIX = /^(?:by|por|written by|escrito por|posted by|publicado por)\s+/i;
const NAME_PARTICLE = /^(?:de|del|la|las|los|da|do|dos|van|von|der|y|e|and|&)$/i;

function isName(s: string): boolean {
  const words = s.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  return words.every((w) => NAME_PARTICLE.test(w) || /^[\p{Lu}][\p{L}'’.-]*$/u.test(w));
}

// ("The International Centre for Investigative Reporting", "Oficina de ONU Derechos Humanos para América del Sur":
// the names of organisations that publish run long)
function isOutletName(s: string): boolean {
  const words = s.split(/\s+/).filter(Boolean);
  // ("Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos (ACNUDH)": a name its initials close
  // may run longer)
  const most = /\(\p{Lu}[\p{Lu}\d-]+\)$/u.test(s) ? 16 : 10;
  return words.length > 0 && words.length <= most && !/[.!?:;,]$/.test(s) && /^[\p{L}\d]/u.test(s);
}

/** "W. T. WHITNEY" → "W. T. Whitney"; names already in mixed case are left alone. */
function tidyName(s: string): string {
  if (s !== s.toUpperCase()) return s;
  return s.toLowerCase().replace(/(^|[\s.'’-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

const PLACE_WORD = /^(?:[\p{Lu}][\p{L}'’.-]*|de|del|la|las|los|el|da|do|of|upon)$/u;

/** A place name: "Quito", "Santiago de Chile", "Washington, DC". */
function isPlace(s: string): boolean {
  const words = s.split(/[\s,]+/).filter(Boolean);
  return words.length > 0 && words.length <= 5 && /^\p{Lu}/u.test(s) && words.every((w) => PLACE_WORD.test(w));
}

const TIME_ONLY = new RegExp(String.raw`^${CLOCK_TIME}${TIME_ZONE}$`, 'iu');
// "3 min read", "Lectura de 3 min", "4 minutos de lectura": how long the page takes to read, beside its date
const READING_TIME = /^(?:\d{1,3}\s*(?:min(?:ute)?s?|minutos?)\.?\s+(?:read|de lectura)|(?:reading time|lectura(?: de)?|tiempo de lectura)\s*:?\s*\d{1,3}\s*(?:min(?:ute)?s?|minutos?)\.?)$/i;
// "Redacción Q'hubo Cali", "Newsroom BBC": the newsroom of an outlet signs as the outlet.
const SECTION = /^(?:secci[oó]n|section|categor[ií]a|category)\s+\p{Lu}/iu;
const NEWSROOM = /^(?:redacción|newsroom|staff)\s+/i;
// "Redacción con AFP", "Con información de EFE", "Fuente: EFE", "With AFP", "Agencias", "Comment by UN Human Rights Office spokesperson …":
// a credit, not a name of the page.
const CREDIT = /^(?:(?:fuente|fuentes|source|sources|foto|photo|con informaci[oó]n de)\s*:\s*.+|(?:comment|statement|briefing notes?|press release|column|analysis|remarks)\s+(?:by|from|of)\s+.+|redacci[oó]n(?:\s+(?:con|y)\s+.+)?|con (?:informaci[oó]n de\s+)?[\p{Lu}].*|with (?:reporting by\s+|wire services|[\p{Lu}]).*|agencias|agencies|wire services?|staff)$/iu;
// "Opinión", "Editorial", "World": the section a page is filed under, beside its outlet and date.
const SECTION_WORD = /^(?:opini[oó]n|editorial|columna|an[aá]lisis|nacional|internacional|mundo|pa[ií]s|pol[ií]tica|sociedad|regiones|opinion|analysis|comment|world|politics|national|international|americas|asia|africa|europe|news|noticias)$/iu;
const UPDATE_WORD = String.raw`(?:last\s+)?(?:updated|actualizado|modified|modificado|actualizaci[oó]n)`;
const UPDATE = new RegExp(String.raw`^${UPDATE_WORD}\b`, 'i');
/** An update's words before its date: "Actualizado: ", "Last updated on ". */
const UPDATE_LEAD = new RegExp(String.raw`^${UPDATE_WORD}(?:\s+(?:on|el))?\s*:?\s*`, 'i');
// "Updated March 5, 2023; Published March 4, 2023", "Actualizado: 05/03/2023 Publicado: 04/03/2023": the publication
// told after the update
const PUBLISHED_AFTER_UPDATE = /\b(?:(?:first\s+)?published|posted|publicado|publicada)\b/i;
/** "By Juan Gil on …", "Escrito por Juan Gil el …": an author's field and the date after "on" / "el". */
const AUTHOR_ON_DATE = /^((?:(?:posted|written|published|escrito|publicado)\s+)?(?:by|por)\s+[^|·•,]{2,60}?)\s+(?:on|el)\s+(\S.*)$/i;
// "9 de septiembre", "Sept. 9", "Fecha: 9 de septiembre": a day without its year. Beside a full date on one line it opens
// a span ("Fecha: 9 de septiembre – 21 de septiembre de 2020": an infobox's dates of the events), never a byline.
const YEARLESS_DAY = new RegExp(String.raw`^(?:(?:fecha|date|dates|fechas)\s*:\s*)?(?:\d{1,2}(?:\s+de)?\s+(?:${MONTH})\.?|(?:${MONTH})\.?\s+\d{1,2})$`, 'iu');
// "Fecha: 8 de septiembre de 2025 – presente", "Date: 11 October 2024 – present": an infobox's span still open
const ONGOING = /^(?:present|presente|ongoing|en curso|(?:la\s+)?actualidad|today|hoy)(?:\s*\([^()]*\))?$/iu;
const WEEKDAY_LEAD = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo),?\s+/iu;

/**
 * A byline field's date: "June 9, 2021 12:00AM EDT", "Publicado el 17/01/2020", or one told with its
 * place ("Quito, 22 de mayo de 2018", "Managua, 31 de mayo de 2018"). `undefined` when the field is a
 * numeric date whose day/month order the page's language leaves open: a date field all the same.
 */
function fieldDate(field: string, language: string | null | undefined): string | null | undefined {
  // ("jueves 10 de octubre de 2019", "Quito, jueves 10 de octubre de 2019": the weekday adds nothing)
  // ("Oct. 12, 2019, at 7:10 p.m.": the time adds nothing; "Octubre 12, 2019": Spanish written month first)
  // ("(Nueva York, 10 de septiembre de 2025)": a press release's place and date in brackets)
  // ("November 12, 2019 (Updated November 13, 2019)": the update in brackets is not the publication)
  const bare = field
    .replace(WEEKDAY_LEAD, '')
    .replace(/\b((?:19|20)\d{2}),?\s+(?:at|a las)\s+\d{1,2}[:.]\d{2}.*$/i, '$1')
    .replace(/^\((.+)\)$/, '$1')
    .replace(/(\S)\s*\((?:last\s+)?(?:updated|actualizad[oa]|modified|modificad[oa])\b[^()]*\)$/i, '$1');
  if (bare !== field) return fieldDate(bare, language);
  const date = parseDateString(field, language) ?? publicationDateCue(field, language);
  if (date) return date;
  if (isUndecidedNumericDate(field, language)) return undefined;
  // A place before the date: split at each comma in turn ("Washington, DC, June 9, 2021"), the place maybe with its
  // agency or country in brackets ("Tegucigalpa (EFE), 22 de enero de 2020", "Almaty (Kazajistán), jueves 6 de enero"),
  // or a short label ("News release, 8 December 2017", "Comunicado de prensa, 8 de diciembre de 2017").
  for (let at = field.indexOf(','); at > 0; at = field.indexOf(',', at + 1)) {
    const before = field.slice(0, at).replace(/\s*\([^()]{1,30}\)/g, '').trim();
    // ("Source: The Daily, 12 October 2019": a credit before the date)
    if (!isPlace(before) && !isLabel(before) && !CREDIT.test(before)) break;
    const rest = field.slice(at + 1).trim().replace(WEEKDAY_LEAD, '');
    const dated = parseDateString(rest, language);
    if (dated) return dated;
    if (isUndecidedNumericDate(rest, language)) return undefined;
  }
  return null;
}

/**
 * "Europa Press 12/05/2021", "By JOHN SMITH Associated Press May 12, 2021, 10:35 PM": a name and a date with no
 * separator between them → the two fields. Only a short capitalised name or an author ("By …") may stand before the
 * date, so a headline that ends with a date ("Protests resume in Quito on May 12, 2021") is never split.
 */
function splitTrailingDate(field: string, language: string | null | undefined): string[] {
  if (UPDATE.test(field) || fieldDate(field, language) !== null) return [field];
  for (let at = field.indexOf(' '); at > 0; at = field.indexOf(' ', at + 1)) {
    const name = field.slice(0, at).trim();
    const date = field.slice(at + 1).trim();
    if (!/^[\p{L}\d]/u.test(date) || fieldDate(date, language) === null) continue;
    const words = name.split(/\s+/);
    const byName = AUTHOR_PREFIX.test(name) || (words.length <= 4 && words.every((w) => NAME_PARTICLE.test(w) || /^[\p{Lu}\d]/u.test(w)));
    return byName ? [name, date] : [field];
  }
  return [field];
}

/** "News release", "Comunicado de prensa": a few words naming what the page is, before its date. */
// ("Amnistía Internacional — Declaración pública, 11 de mayo de 2023", "Public statement, 11 May 2023")
function isLabel(s: string): boolean {
  return /^(?:news|press|media)\s+(?:release|statement|briefing)|^(?:comunicado|nota|bolet[ií]n)(?:\s+(?:de\s+)?prensa)?$|^(?:(?:public|joint|official)\s+)?(?:statement|release|communiqu[eé])$|^(?:declaraci[oó]n|comunicado)(?:\s+(?:p[uú]blica|conjunta|oficial))?$/iu.test(s);
}

/** "By Parisa Jahanbani, BBC Persian" → author and outlet; "Por Martín Oyarzún, enviado especial" → author. */
export function authorField(field: string): { name: string; outlet: string | null } | null {
  const text = field.replace(AUTHOR_PREFIX, '').trim();
  if (isName(text)) return { name: tidyName(text), outlet: null };
  // "By City Paper staff", "Por la redacción de El Comercio": the outlet's newsroom signs
  const staff = /^(.+?)\s+(?:staff|newsroom|reporters|desk)$/i.exec(text) ?? /^(?:la\s+)?redacci[oó]n\s+de\s+(.+)$/i.exec(text);
  if (staff && isOutletName(staff[1]!) && /^\p{Lu}/u.test(staff[1]!)) return { name: staff[1]!, outlet: staff[1]! };
  // "By Ana Ruiz, Abuja; Luis Paz and Eva Sol, Jos": several authors, each maybe with the place they write from
  const authors = text.split(/\s*;\s*|\s+(?:and|y|&)\s+/);
  if (authors.length > 1) {
    const names = authors.map((a) => a.split(',').map((x) => x.trim()));
    if (names.every(([name, ...rest]) => name && isName(name) && rest.every(isPlace))) return { name: names.map(([name]) => tidyName(name!)).join(', '), outlet: null };
  }
  const comma = text.indexOf(',');
  if (comma < 0) return null;
  const name = text.slice(0, comma).trim();
  const after = text.slice(comma + 1).trim();
  if (!isName(name) || !after) return null;
  // Capitalized: the outlet ("BBC Persian"); lower case: the author's role ("enviado especial").
  if (/^\p{Lu}/u.test(after) && isOutletName(after)) return { name: tidyName(name), outlet: after };
  if (/^\p{Ll}/u.test(after) && wordsIn(after) <= 4 && !/[.!?;:]/.test(after)) return { name: tidyName(name), outlet: null };
  return null;
}

/**
 * A line of names alone under a headline, as pages copied from the web print them ("Jane Doe", "Jane Doe and John
 * Roe", "Associated Press"): an author's or an outlet's name, told as one only by the dated line under it.
 */
export function isNameLine(line: string): boolean {
  const s = line.trim();
  // ("By Ana Ruiz, El Diario" is a byline of its own: `parseBylineLine` reads it)
  if (!s || s.length > 80 || /\d|[.!?:;]$/.test(s) || AUTHOR_PREFIX.test(s)) return false;
  return s.split(/\s*,\s*/).every((part) => isName(part));
}

function wordsIn(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/**
 * A byline line → its fields, or null when the line is not a byline.
 * A byline has a publication date ("teleSUR | December 19, 2022", "Samizdat – 10.01.2023",
 * "Posted on May 1, 2023") or an author introduced by "By"/"Por" ("By Lucas Leiroz"), and may name the
 * outlet, the place and the time ("Khaleej Times | Dubai | Wednesday, October 12, 2022 | By Rana Haddad",
 * "Caracol Radio | Bogotá | 11/05/2021 - 13:24"). Numeric dates are read in the order of the page's
 * `language` (see `parseDateString`); an undecidable one leaves the date unknown but the line a byline.
 */
export function parseBylineLine(line: string, language?: string | null): Byline | null {
  const byline = bylineFields(line, language);
  if (byline) return byline;
  // "<standfirst> | Hong Kong, 8 de noviembre de 2019": a sentence, then a dated byline after the line's last separator
  const trimmed = line.trim();
  const last = [...trimmed.matchAll(SEPARATORS)].at(-1);
  if (!last || last.index === undefined) return null;
  const deck = trimmed.slice(0, last.index).trim();
  const after = bylineFields(trimmed.slice(last.index + last[0].length), language);
  if (!after?.published || wordsIn(deck) < 6 || !/^[\p{Lu}"“«¿¡]/u.test(deck) || bylineFields(deck, language)) return null;
  return { ...after, deck };
}

function bylineFields(line: string, language?: string | null): Byline | null {
  const trimmed = line.trim();
  const cue = UPDATE.test(trimmed) ? PUBLISHED_AFTER_UPDATE.exec(trimmed) : null;
  const s = cue ? trimmed.slice(cue.index) : trimmed;
  if (!s || s.length > 160) return null;
  // A wire dateline ("SANTIAGO, 29 oct (Télam) — Por …") opens the story's text: not a byline (a date and a time alone,
  // "Sábado, 12 de octubre de 2019 - 19:10", are one).
  const wire = wireDatelineDate(s);
  if (wire && !TIME_ONLY.test(s.slice(wire.length).trim())) return null;
  const cueDate = publicationDateCue(s, language);
  if (cueDate && !SEPARATOR.test(s)) return { byline: null, outlet: null, published: cueDate };
  // "By Juan Gil on November 12, 2019", "Posted by …", "Por Juan Gil el 12 de noviembre de 2019": the author, then the
  // day after "on" / "el", as if a separator stood between them
  const onDate = AUTHOR_ON_DATE.exec(s);
  if (onDate && fieldDate(onDate[2]!, language) !== null) return bylineFields(`${onDate[1]} | ${onDate[2]}`, language);

  const fields = s
    .split(SEPARATOR)
    .map((f) => f.trim())
    .filter(Boolean)
    // ("12 November 2019 · 3 min read": how long the page takes to read says nothing of it)
    .filter((f) => !READING_TIME.test(f))
    .flatMap((f) => splitTrailingDate(f, language));
  if (fields.length > 5) return null;
  const spanEnd = (f: string) => YEARLESS_DAY.test(f) || ONGOING.test(f);
  if (fields.some(spanEnd) && fields.some((f) => !spanEnd(f) && fieldDate(f, language) !== null)) return null;
  let byline: string | null = null;
  let outlet: string | null = null;
  let place: string | null = null;
  let published: string | null = null;
  let readings: string[] = [];
  let dated = false;
  let updated: string | null = null;
  for (const field of fields) {
    // an update is not the publication (but dates a byline that gives nothing else: see below)
    if (UPDATE.test(field)) {
      updated ??= fieldDate(field.replace(UPDATE_LEAD, ''), language) ?? null;
      continue;
    }
    if (dated && SECTION.test(field)) continue; // "Sección Nacional": where the site files it, not who wrote it
    if (TIME_ONLY.test(field)) continue; // "11/05/2021 - 13:24", "10:12 hs - 12/11/2019"
    const date = fieldDate(field, language);
    if (date === null && (CREDIT.test(field) || SECTION_WORD.test(field))) continue; // "Redacción con AFP", "Opinión"
    if (date !== null) {
      if (dated) return null;
      dated = true;
      published = date ?? null;
      if (date === undefined) readings = numericReadings(field);
      continue;
    }
    if (AUTHOR_PREFIX.test(field)) {
      const author = authorField(field);
      if (byline || !author) return null;
      byline = author.name;
      if (author.outlet) {
        if (outlet) return null;
        outlet = author.outlet;
      }
      continue;
    }
    // Names beside the date: the outlet first, then the place it writes from.
    if (!outlet && isOutletName(field)) outlet = field.replace(NEWSROOM, '');
    else if (!place && isPlace(field)) place = field;
    // "diciembre2001.com — Especial 20 años — <date>": a short capitalised label after the outlet names its section
    else if (outlet && wordsIn(field) <= 4 && /^\p{Lu}/u.test(field) && !/[.!?;:]/.test(field)) continue;
    else return null;
  }
  // "Europa Press · Internacional · Actualizado: viernes, 14 enero 2011 17:10": a byline whose only date is its update's
  if (!dated && updated && (byline || outlet)) {
    dated = true;
    published = updated;
  }
  // "Press release" on a line of its own under the headline: what the page is, its date on the next line
  if (!dated && !byline && fields.length === 1 && isLabel(fields[0]!)) return { byline: null, outlet: null, published: null };
  if (!dated && !byline) return null;
  // An author alone must be the whole line ("By Lucas Leiroz"), not "By March 1, residents …".
  if (!dated && fields.length > 2) return null;
  return { byline, outlet, published, ...(readings.length ? { readings } : {}) };
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
