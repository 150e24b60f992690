import type { Answer, Line } from '../core/answer.ts';
import type { AppContext } from '../core/context.ts';
import { InputError } from '../core/errors.ts';
import { canonicalRegion } from '../facts/story.ts';
import type { Story } from '../facts/types.ts';
import { buildDeathsData } from '../timeline/deaths.ts';
import { deathsFromView, tollReports } from '../timeline/death-view.ts';
import { reportCount } from '../timeline/point-sources.ts';
import { deathsText } from './deaths-text.ts';
import { cachedByFacts, storyStamp } from '../timeline/cache.ts';
import { figuresBySource } from '../timeline/from-store.ts';
import type { DeathPoint, DeathsData, PointSource, StoredFigure } from '../timeline/types.ts';
import { chooseStory } from './story-choice.ts';
import { storyPageLink } from './story-link.ts';

/** What a /deaths request asks for, resolved against the loaded stories. */
export interface DeathsQuery {
  story: Story | null;
  region: string | null;
  since: string | null;
}

/** `/deaths --json`, exactly: the story, the filters, then the series, incidents and counts by region. */
export type DeathsJson = { story: string | null; region: string | null; since: string | null } & DeathsData;

/** Resolves /deaths options (story, region, since); an unknown story or region is an InputError naming the known ones. */
export function deathsQuery(app: AppContext, options: { story?: unknown; region?: unknown; since?: unknown }): DeathsQuery {
  const story = chooseStory(app, options.story);
  const since = typeof options.since === 'string' && options.since ? options.since : null;
  let region: string | null = null;
  if (typeof options.region === 'string' && options.region) {
    region = story ? canonicalRegion(story, options.region) : options.region;
    if (!region) {
      const known = story?.regions.map((r) => r.name).join(', ') ?? '';
      throw new InputError(`Unknown region "${options.region}". Regions: ${known}.`);
    }
  }
  return { story, region, since };
}

/** A name for the query's files and cache entries: deaths-<story>[-<region>][-<since>]. */
export function deathsKey(query: DeathsQuery): string {
  const { story, region, since } = query;
  return `deaths-${story?.id ?? 'all'}${region ? `-${region.toLowerCase().replace(/\W+/g, '-')}` : ''}${since ? `-${since}` : ''}`;
}

/**
 * The data behind /deaths and the story pages: every stored death figure of the story reconciled into a
 * series, incidents and counts by region. Recomputed only when the stored facts change.
 */
export async function deathsJson(app: AppContext, query: DeathsQuery): Promise<DeathsJson> {
  const data = await cachedByFacts(app.store, `deaths-data:${deathsKey(query)}:${storyStamp(query.story)}`, async () => {
    // A whole story reads its stored view; a region or a start day reads just those figures.
    if (query.story && !query.region && !query.since) return deathsFromView(app.store, query.story);
    let figures = figuresBySource(await app.store.listFigures({ story: query.story?.id, kinds: ['deaths'], from: query.since ?? undefined, ...(query.region ? { region: query.region } : {}) }));
    if (query.region) figures = inRegion(figures, query.region);
    return buildDeathsData(figures, { story: query.story });
  });
  return { story: query.story?.id ?? null, region: query.region, since: query.since, ...data };
}

/**
 * Every report of a toll point (the story page's "All N reports for <day>"): its own `sources` when it kept them all,
 * else its day's reports read again. The page says "all", so it lists all of them rather than the best few and a count:
 * one day's figures, read only for a point that left some out, and kept until the facts change.
 */
export async function latestTollReports(app: AppContext, story: Story, point: DeathPoint): Promise<PointSource[]> {
  if (point.sources.length >= reportCount(point)) return point.sources;
  return cachedByFacts(app.store, `deaths-reports:${story.id}:${point.as_of}:${storyStamp(story)}`, () => tollReports(app.store, story, point.as_of));
}

/** Figures about one region: those located in it, and its share of region breakdowns. */
function inRegion(figures: StoredFigure[], region: string): StoredFigure[] {
  return figures.flatMap((figure): StoredFigure[] => {
    if (figure.region === region) return [figure];
    const share = figure.byRegion?.find((entry) => entry.region === region);
    return share ? [{ ...figure, value: share.value, qualifier: 'exact', region, byRegion: [share] }] : [];
  });
}

/** The /deaths answer: the running toll as text, the sources of the latest figure, the chart (a PNG path) and the story's page. */
export function deathsAnswer(json: DeathsJson, story: Story | null, chart: { name: string; path: string } | null): Answer {
  const region = json.region;
  const lines: Line[] = deathsText(json).split('\n').map((line) => [line]);
  const latest = json.latest;
  const sections = [{ heading: region ? `Deaths in ${region}` : undefined, lines }];
  if (latest) {
    sections.push({
      heading: 'Sources for the latest figure',
      lines: latest.sources.slice(0, 5).map((source): Line => [
        source.url ? { text: source.title ?? source.source, url: source.url } : (source.title ?? source.source),
        ` — ${source.source}: “${source.quote}”`,
      ]),
    });
  }
  const attachments = chart ? [{ name: chart.name, path: chart.path, contentType: 'image/png', description: 'Chart of the death toll' }] : [];
  const link = storyPageLink(story?.id, {}, 'Chart and sources on the web');
  return { title: story ? `Deaths — ${story.name}` : 'Deaths', sections, json, attachments, ...(link ? { link } : {}) };
}
