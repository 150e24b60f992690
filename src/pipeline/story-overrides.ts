/**
 * Additions to the bundled stories made from chat (/story set): keywords, gazetteer places (in an
 * existing region), official sources. Kept in keyv (`story:overrides`), changed only through
 * `Store.updateKv` (atomic, also across processes), and applied to the loaded Story objects in place:
 * at once, at start-up (`applyStoredStoryOverridesSync` from openApp), and in a running service when
 * another process added some (`refreshStoryOverrides`), so extraction and look-ups see them without a restart.
 *
 * The gazetteer index of src/facts/story.ts is cached per Story object; so that a place added at run
 * time is found at once, the story's entry in `app.stories` is also replaced by a copy sharing the
 * (mutated) arrays: new identity, fresh index. Holders of the old object see the new keywords and
 * places in its arrays, but its cached gazetteer index until restart.
 */
import type { Story } from '../facts/types.ts';
import { canonicalRegion, normalizeName } from '../facts/story.ts';
import type { Store } from '../stores/store.ts';
import type { AppContext } from '../core/context.ts';
import { InputError } from '../core/errors.ts';

export const STORY_OVERRIDES_KEY = 'story:overrides';

export interface StoryAdditions {
  keywords: string[];
  places: { place: string; region: string }[];
  officialSources: string[];
}

export interface StoryOverrides {
  version: 1;
  /** Grows with every change (a running service compares it to notice changes from another process). */
  revision: number;
  stories: Record<string, StoryAdditions>;
}

const empty = (): StoryOverrides => ({ version: 1, revision: 0, stories: {} });
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
  return { version: 1, revision: typeof stored.revision === 'number' ? stored.revision : 0, stories };
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

/**
 * Whether an addition changes what the extractor's per-story caches hold (the gazetteer index and place pattern, the
 * normalized keywords): such a story is replaced by a copy, so those caches, kept per object, are rebuilt.
 */
function changesLookups(added: StoryAdditions): boolean {
  return added.places.length > 0 || added.keywords.length > 0;
}

/** Applies every stored addition; a story that gained a place or keyword is replaced by a copy (see changesLookups). */
function applyAll(stories: Story[], overrides: StoryOverrides): void {
  stories.forEach((story, index) => {
    const additions = overrides.stories[story.id];
    if (!additions) return;
    if (changesLookups(applyAdditions(story, additions))) stories[index] = { ...story };
  });
}

/** Start-up, async form (any Store). */
export async function applyStoredStoryOverrides(store: Pick<Store, 'kv'>, stories: Story[]): Promise<void> {
  applyAll(stories, await readStoryOverrides(store));
}

/**
 * Start-up, synchronous form for openApp (which is synchronous), for stores that can read synchronously
 * (`Store.readKvSync`). Returns false when the store cannot (then use the async form).
 */
export function applyStoredStoryOverridesSync(store: Pick<Store, 'readKvSync'>, stories: Story[]): boolean {
  if (!store.readKvSync) return false;
  applyAll(stories, normalize(store.readKvSync<unknown>(STORY_OVERRIDES_KEY)));
  return true;
}

/** The revision of the additions last applied to each stories array (see `refreshStoryOverrides`). */
const appliedRevision = new WeakMap<Story[], number>();

/**
 * Applies additions another process stored (`cronista ask "/story set …"` while `cronista start` runs)
 * when the stored revision is not the one last applied to `app.stories`; true when it applied them.
 */
export async function refreshStoryOverrides(app: Pick<AppContext, 'store' | 'stories'>): Promise<boolean> {
  const overrides = await readStoryOverrides(app.store);
  if (appliedRevision.get(app.stories) === overrides.revision) return false;
  appliedRevision.set(app.stories, overrides.revision);
  applyAll(app.stories, overrides);
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

  const merge = (list: string[], extra: string[]) => [...list, ...extra.filter((value) => !has(list, value))];
  // Applied to the stored value atomically: two /story set at once (or from two processes) both stay.
  await app.store.updateKv<StoryOverrides>(STORY_OVERRIDES_KEY, (value) => {
    const overrides = normalize(value);
    const stored = overrides.stories[story.id] ?? emptyAdditions();
    return {
      ...overrides,
      revision: overrides.revision + 1,
      stories: {
        ...overrides.stories,
        [story.id]: {
          keywords: merge(stored.keywords, additions.keywords),
          places: [...stored.places, ...additions.places.filter((p) => !stored.places.some((s) => normalizeName(s.place) === normalizeName(p.place) && s.region === p.region))],
          officialSources: merge(stored.officialSources, additions.officialSources),
        },
      },
    };
  });

  const added = applyAdditions(story, additions);
  if (changesLookups(added)) app.stories[index] = { ...story };
  return { story: app.stories[index]!, added };
}
