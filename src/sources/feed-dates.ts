/** Date strings seen in feeds → ISO 8601 (UTC). Unparseable → null: we never invent a date. */

const ISO =
  /^(\d{4})-?(\d{2})(?:-?(\d{2}))?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

// Zone names V8's Date.parse doesn't know; the US ones it does know (EST, PDT...) stay as they are.
const ZONES: Record<string, string> = {
  'ET': '-0500', 'CT': '-0600', 'MT': '-0700', 'PT': '-0800', 'KST': '+0900', 'JST': '+0900',
  'CET': '+0100', 'CEST': '+0200', 'BST': '+0100', 'IST': '+0530', 'AEST': '+1000', 'AEDT': '+1100',
  'ETC/GMT': 'GMT', 'ETC/UTC': 'GMT',
};

function fromParts(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string): string | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return null;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  let offset = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const m = zone.match(/^([+-])(\d{2}):?(\d{2})?$/);
    if (!m) return null;
    offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  }
  const time = Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function parseIso(value: string): string | null {
  const m = value.match(ISO);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  // A date without a zone is taken as UTC rather than the server's local time.
  return fromParts(Number(y), Number(mo), Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms, zone ?? '');
}

/** "Fri, 2006/09/15 08:19:53 EDT" (Perforce) and "2004년 05월 28일 01:31:15" (Korean, KST). */
function parseOdd(value: string): string | null {
  const perforce = value.match(/(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([A-Z]{2,4})/);
  if (perforce) {
    const [, y, mo, d, h, mi, s, zone] = perforce;
    return parseLoose(`${mo}/${d}/${y} ${h}:${mi}:${s} ${zone}`);
  }
  const korean = value.match(/(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일\s+(\d{1,2}):(\d{2}):(\d{2})/);
  if (korean) {
    const [, y, mo, d, h, mi, s] = korean.map(Number) as number[];
    return fromParts(y!, mo!, d!, h!, mi!, s!, 0, '+09:00');
  }
  return null;
}

function parseLoose(value: string): string | null {
  // Date.parse accepts almost anything ("garbage 12" is 2001): require a month and a year or a time.
  const month = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d\/\d/i.test(value);
  if (!month || !/\d{4}|\d:\d\d/.test(value)) return null;
  let text = value.replace(/\b(ET|CT|MT|PT|KST|JST|CEST|CET|BST|IST|AEST|AEDT|Etc\/GMT|Etc\/UTC)\b/i, (z) => ZONES[z.toUpperCase()] ?? z);
  if (!/\b(GMT|UTC|UT|Z|[ECMP][SD]T)\b|[+-]\d{4}\b|[+-]\d{2}:\d{2}\b/i.test(text)) text += ' GMT';
  const time = Date.parse(text);
  if (Number.isNaN(time)) return null;
  const year = new Date(time).getUTCFullYear();
  return year >= 1900 && year <= 2200 ? new Date(time).toISOString() : null;
}

export function parseDate(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return parseIso(text) ?? parseOdd(text) ?? (ISO.test(text) ? null : parseLoose(text));
}
