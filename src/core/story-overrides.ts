/**
 * Additions to the bundled stories made from chat (/story set): keywords, gazetteer places (in an
 * existing region), official sources. Kept in keyv (`story:overrides`) and applied to the loaded
 * Story objects in place, at once and again at start-up (`applyStoredStoryOverridesSync` from
 * openApp), so extraction and look-ups see them without a restart.
 *
 * The gazetteer index of src/facts/story.ts is cached per Story object; so that a place added at run
 * time is found at once, the story's entry in `app.stories` is also replaced by a copy sharing the
 * (mutated) arrays: new identity, fresh index. Holders of the old object see the new keywords and
 * places in its arrays, but its cached gazetteer index until restart.
 */
import type { Story } from '../facts/types.ts';
import { canonicalRegion, normalizeName } from '../facts/story.ts';
import type { Store } from '../stores/store.ts';
import type { AppContext } from './context.ts';
import { InputError } from './errors.ts';

export const STORY_OVERRIDES_KEY = 'story:overrides';

export interface StoryAdditions {
  keywords: string[];
  places: { place: string; region: string }[];
  officialSources: string[];
}

export interface StoryOverrides {
  version: 1;
  stories: Record<string, StoryAdditions>;
}

const empty = (): StoryOverrides => ({ version: 1, stories: {} });
const emptyAdditions = (): StoryAdditions => ({ keywords: [], places: [], officialSources: [] });

function normalize(value: unknown): StoryOverrides {
  const stored = value as Partial<StoryOverrides> | undefined;
  if (!stored || typeof stored !== 'object' || !stored.stories) return empty();
  const stories: Record<string, StoryAdditions> = {};
  for (const [id, additions] of Object.entries(stored.stories)) {
    stories[id] = {
      keywords: Array.isArray(additions?.keywords) ? additions.keywords.filter((k) => typeof k === 'string') : [],
      places: Array.isArray(additions?.places) ? additions.places.filter((p) => p && typeof p.place === 'string' && typeof p.region === 'string') : [],
      officialSources: Array.isArray(additions?.officialSources) ? additions.officialSources.filter((k) => typeof k === 'string') : [],
    };
  }
  return { version: 1, stories };
}

export async function readStoryOverrides(store: Pick<Store, 'kv'>): Promise<StoryOverrides> {
  return normalize(await store.kv.get(STORY_OVERRIDES_KEY));
}

const has = (list: readonly string[], value: string) => list.some((entry) => normalizeName(entry) === normalizeName(value));

/** Adds what is missing to `story` (in place); returns what it actually added. */
export function applyAdditions(story: Story, additions: StoryAdditions): StoryAdditions {
  const added = emptyAdditions();
  for (const keyword of additions.keywords) {
    if (has(story.keywords, keyword)) continue;
    story.keywords.push(keyword);
    added.keywords.push(keyword);
  }
  for (const { place, region } of additions.places) {
    const target = story.regions.find((candidate) => candidate.name === region);
    if (!target || has([target.name, ...target.aliases, ...target.places], place)) continue;
    target.places.push(place);
    added.places.push({ place, region });
  }
  for (const official of additions.officialSources) {
    if (has(story.officialSources, official)) continue;
    story.officialSources.push(official);
    added.officialSources.push(official);
  }
  return added;
}

function applyAll(stories: Story[], overrides: StoryOverrides): void {
  for (const story of stories) {
    const additions = overrides.stories[story.id];
    if (additions) applyAdditions(story, additions);
  }
}

/** Start-up, async form (any Store). */
export async function applyStoredStoryOverrides(store: Pick<Store, 'kv'>, stories: Story[]): Promise<void> {
  applyAll(stories, await readStoryOverrides(store));
}

/**
 * Start-up, synchronous form for openApp (which is synchronous): reads the keyv row straight from a
 * SQLite store's `kv` table. Returns false when the store is not one (then use the async form).
 */
export function applyStoredStoryOverridesSync(store: Pick<Store, 'kv'>, stories: Story[]): boolean {
  const db = (store as { db?: { prepare(sql: string): { get(key: string): unknown } } }).db;
  if (!db || typeof db.prepare !== 'function') return false;
  const namespace = (store.kv as { namespace?: string }).namespace;
  const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(namespace ? `${namespace}:${STORY_OVERRIDES_KEY}` : STORY_OVERRIDES_KEY) as { value?: string } | undefined;
  if (!row?.value) return true;
  let data: unknown;
  try {
    const deserialize = store.kv.deserialize;
    const parsed = deserialize ? deserialize(row.value) : JSON.parse(row.value);
    data = parsed instanceof Promise ? JSON.parse(row.value).value : (parsed as { value?: unknown } | undefined)?.value;
  } catch {
    return true; // unreadable: the stories stay as bundled
  }
  applyAll(stories, normalize(data));
  return true;
}

export interface StoryChange {
  keywords?: string[];
  place?: string;
  region?: string;
  officialSources?: string[];
}

/**
 * Validates and persists additions to one story, then applies them to `app.stories` at once. Unknown
 * region → InputError naming the regions there are.
 */
export async function addToStory(app: AppContext, storyId: string, change: StoryChange): Promise<{ story: Story; added: StoryAdditions }> {
  const index = app.stories.findIndex((candidate) => candidate.id === storyId);
  const story = app.stories[index];
  if (!story) throw new InputError(`Unknown story "${storyId}". Stories: ${app.stories.map((s) => s.id).join(', ') || 'none configured'}.`);
  const additions = emptyAdditions();
  additions.keywords = (change.keywords ?? []).map((k) => k.trim()).filter(Boolean);
  additions.officialSources = (change.officialSources ?? []).map((k) => k.trim()).filter(Boolean);
  if (change.place !== undefined || change.region !== undefined) {
    const place = change.place?.trim();
    const regionName = change.region?.trim();
    if (!place || !regionName) throw new InputError('A gazetteer addition needs both place: and region: (e.g. place:Juliaca region:Puno).');
    const region = canonicalRegion(story, regionName);
    const exact = story.regions.find((candidate) => candidate.name === region);
    if (!region || !exact) {
      throw new InputError(`Unknown region "${regionName}" in ${story.id}. Regions: ${story.regions.map((r) => r.name).join(', ') || 'none'}.`);
    }
    additions.places.push({ place, region: exact.name });
  }
  if (additions.keywords.length + additions.places.length + additions.officialSources.length === 0) {
    throw new InputError('Nothing to add: give keywords:"a, b", place:<name> region:<region>, or official:<name>.');
  }

  const overrides = await readStoryOverrides(app.store);
  const stored = overrides.stories[story.id] ?? emptyAdditions();
  const merge = (list: string[], extra: string[]) => [...list, ...extra.filter((value) => !has(list, value))];
  overrides.stories[story.id] = {
    keywords: merge(stored.keywords, additions.keywords),
    places: [...stored.places, ...additions.places.filter((p) => !stored.places.some((s) => normalizeName(s.place) === normalizeName(p.place) && s.region === p.region))],
    officialSources: merge(stored.officialSources, additions.officialSources),
  };
  await app.store.kv.set(STORY_OVERRIDES_KEY, overrides);

  const added = applyAdditions(story, additions);
  // New identity so the gazetteer index (cached per object) is rebuilt with the new place.
  if (added.places.length > 0) app.stories[index] = { ...story };
  return { story: app.stories[index]!, added };
}
