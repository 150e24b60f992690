import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer, Line } from '../src/answers/answer.ts';
import { renderDeathsChart, sweepChartFiles } from '../src/answers/chart.ts';
import { chooseStory, STORY_OPTION } from '../src/answers/story-choice.ts';
import type { CommandDefinition } from '../src/core/command.ts';
import { InputError } from '../src/core/errors.ts';
import { canonicalRegion } from '../src/facts/story.ts';
import { buildDeathsData, deathsText } from '../src/timeline/deaths.ts';
import { cachedByFacts } from '../src/timeline/cache.ts';
import { figuresBySource } from '../src/timeline/from-store.ts';
import type { StoredFigure } from '../src/timeline/types.ts';

/** /deaths [region] [since] — the running toll with its sources, incidents, by region, and a chart. */
export default {
  name: 'deaths',
  description: 'Death toll over time, by region, with sources and disagreements',
  options: [
    { name: 'region', description: 'Only this region (e.g. Puno)', type: 'string', autocomplete: true },
    { name: 'since', description: 'Only figures from this day on (YYYY-MM-DD)', type: 'date' },
    STORY_OPTION,
  ],
  permission: 'everyone',
  cooldownSeconds: 3,
  async run(app, input): Promise<Answer> {
    const story = chooseStory(app, input.options.story);
    const since = typeof input.options.since === 'string' ? input.options.since : undefined;
    let region: string | null = null;
    if (typeof input.options.region === 'string') {
      region = story ? canonicalRegion(story, input.options.region) : input.options.region;
      if (!region) {
        const known = story?.regions.map((r) => r.name).join(', ') ?? '';
        throw new InputError(`Unknown region "${input.options.region}". Regions: ${known}.`);
      }
    }
    const chartName = `deaths-${story?.id ?? 'all'}${region ? `-${region.toLowerCase().replace(/\W+/g, '-')}` : ''}${since ? `-${since}` : ''}.png`;
    // Reconciling every figure and drawing the chart is redone only when the stored facts change (or
    // the chart file was swept: only the latest charts are kept on disk).
    const charts = join(app.dataDir, 'charts');
    const { data, chart } = await cachedByFacts(
      app.store,
      `deaths:${chartName}`,
      async () => {
        let figures = figuresBySource(await app.store.listFigures({ story: story?.id, kinds: ['deaths'], from: since }));
        if (region) figures = inRegion(figures, region);
        const data = buildDeathsData(figures, { story });
        const chart = data.series.length > 0 || data.incidents.length > 0
          ? await renderDeathsChart(data, join(charts, chartName), { title: `${story?.name ?? 'Death toll'}${region ? ` — ${region}` : ''}` })
          : null;
        if (chart) await sweepChartFiles(charts);
        return { data, chart };
      },
      (cached) => cached.chart === null || existsSync(cached.chart),
    );
    const json = { story: story?.id ?? null, region, since: since ?? null, ...data };
    const lines: Line[] = deathsText(data).split('\n').map((line) => [line]);
    const latest = data.latest;
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
    const attachments = chart ? [{ name: chartName, path: chart, contentType: 'image/png', description: 'Chart of the death toll' }] : [];
    return { title: story ? `Deaths — ${story.name}` : 'Deaths', sections, json, attachments };
  },
} satisfies CommandDefinition;

/** Figures about one region: those located in it, and its share of region breakdowns. */
function inRegion(figures: StoredFigure[], region: string): StoredFigure[] {
  return figures.flatMap((figure): StoredFigure[] => {
    if (figure.region === region) return [figure];
    const share = figure.byRegion?.find((entry) => entry.region === region);
    return share ? [{ ...figure, value: share.value, qualifier: 'exact', region, byRegion: [share] }] : [];
  });
}
