// Counts broken down by place in brackets ("Ayacucho (9), Apurimac (6)", "Suez (14 muertos y 62 heridos)"): the entries
// and the place a bracket belongs to. Cronista's own rules (see figures.ts): no library reads these.
import type { Found } from './figure-context.ts';
import * as R from './figure-rules.ts';
import { findNumbers } from './numbers.ts';
import { placeToRegion } from './story.ts';
import type { ExtractedFigure, Story } from './types.ts';

/** The story's region a place belongs to, or null (no story, or a place its gazetteer does not know). */
export function regionOf(name: string, story: Story | undefined): string | null {
  return story ? (placeToRegion(story, name)?.region ?? null) : null;
}

export type BreakdownEntry = { region: string; value: number; name: string; at: number };

/** The place whose bracket holds position `at` ("Suez (14 muertos y 62 heridos)" → "Suez"), else null. */
export function placeBracket(s: string, at: number): string | null {
  const open = s.lastIndexOf('(', at);
  if (open < 0 || s.slice(open, at).includes(')') || !/^\(\s*\d/u.test(s.slice(open))) return null;
  return /(?<![\p{L}])([\p{Lu}][\p{L}]+(?:\s+(?:de\s+(?:la\s+)?|del\s+)?[\p{Lu}][\p{L}]+)*)\s*$/u.exec(s.slice(Math.max(0, open - 60), open))?.[1] ?? null;
}

/**
 * "Ayacucho (9), Apurimac (6), …", "Tehran province (11)", "Gilan and West Azerbaijan (12 each)" in a sentence: the
 * breakdown, when it has two entries or more. `name` is the place as written, `at` where its entry starts.
 */
export function breakdownIn(s: string, story?: Story): BreakdownEntry[] | null {
  const name = String.raw`[\p{Lu}][\p{L}]+(?:\s+(?:de\s+)?[\p{Lu}][\p{L}]+)*`;
  // (the count in digits or in words: "Damak Hospital (seven)", "Bignona (dos)")
  const re = new RegExp(String.raw`(${name})(?:\s+${R.ADMIN_UNIT.source})?\s*\((\d{1,6}|\p{L}+)(\s+(?:each|cada un[oa]))?\)`, 'gu');
  const shared = new RegExp(String.raw`(?<![\p{L}])(${name})(?:\s+${R.ADMIN_UNIT.source})?\s+(?:and|y)\s+$`, 'u');
  const list: BreakdownEntry[] = [];
  const add = (place: string, value: number, at: number) => list.push({ region: regionOf(place, story) ?? place, value, name: place, at });
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const value = countIn(m[2]!);
    if (value === null) continue;
    // "Gilan and West Azerbaijan (12 each)": the place before "and" has the same count
    const before = m[3] ? shared.exec(s.slice(Math.max(0, m.index - 60), m.index)) : null;
    if (before) add(before[1]!, value, m.index - before[0].length);
    add(m[1]!, value, m.index);
  }
  return list.length >= 2 ? list : null;
}

/** A bracket's count: digits, or one number word ("seven", "dos"); null for any other word ("(AFP)"). */
function countIn(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const [only] = findNumbers(text);
  return only && only.start === 0 && only.end === text.length && !only.weak ? only.value : null;
}

/** One entry of a breakdown by place, "Azuay (121)": a part of its whole, of the whole's kind and day (ANNOTATION.md: a subset by region). */
export function regionPart(entry: BreakdownEntry, whole: Found, quote: string, idx: number): Found {
  const { kind, asOf, asOfPrecision, attribution, official } = whole.f;
  const f: ExtractedFigure = { kind, value: entry.value, qualifier: 'exact', scope: 'subset', location: entry.name, region: entry.region, asOf, asOfPrecision, quote, attribution, official };
  return { f, dated: 'inherited', idx, at: entry.at, running: false, part: true, follows: whole };
}
