// Place names of a story's gazetteer found in text (accent- and case-insensitive), with their region.
import type { Story } from './types.ts';

export interface PlaceMention {
  start: number;
  end: number;
  /** The name as the gazetteer spells it. */
  name: string;
  region: string;
  /** True for a place inside a region (city, town), false for the region itself. */
  place: boolean;
}

/** Same-length fold: strip accents char by char, lower-case. Offsets in the folded text match the original. */
export function foldSameLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch.normalize('NFD')[0] ?? ch;
    out += base.length === ch.length ? base.toLowerCase() : ch.toLowerCase();
  }
  return out.length === text.length ? out : text.toLowerCase();
}

interface Entry { key: string; name: string; region: string; place: boolean }
const cache = new WeakMap<Story, Entry[]>();

function entries(story: Story): Entry[] {
  const hit = cache.get(story);
  if (hit) return hit;
  const list: Entry[] = [];
  for (const r of story.regions) {
    list.push({ key: foldSameLength(r.name), name: r.name, region: r.name, place: false });
    for (const a of r.aliases) list.push({ key: foldSameLength(a), name: r.name, region: r.name, place: false });
    for (const p of r.places) list.push({ key: foldSameLength(p), name: p, region: r.name, place: true });
  }
  list.sort((a, b) => b.key.length - a.key.length);
  cache.set(story, list);
  return list;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every gazetteer name in `text`, longest match first at each position, in text order. */
export function findPlaces(text: string, story: Story | undefined): PlaceMention[] {
  if (!story) return [];
  const folded = foldSameLength(text);
  const found: PlaceMention[] = [];
  for (const e of entries(story)) {
    if (!e.key) continue;
    const re = new RegExp(`(?<![\\p{L}\\d])${escape(e.key)}(?![\\p{L}\\d])`, 'gu');
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      // names are proper nouns: the text must capitalise them ("lima" in a URL or "puno" lower-case is noise)
      if (!/\p{Lu}/u.test(text[m.index] ?? '')) continue;
      const end = m.index + m[0].length;
      if (found.some((f) => m!.index < f.end && f.start < end)) continue;
      found.push({ start: m.index, end, name: e.name, region: e.region, place: e.place });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The region a name belongs to (a region name, alias or place), or null. */
export function regionOf(name: string, story: Story | undefined): string | null {
  if (!story) return null;
  const key = foldSameLength(name.trim());
  return entries(story).find((e) => e.key === key)?.region ?? null;
}
