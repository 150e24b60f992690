import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer } from '../src/core/answer.ts';
import { STORY_OPTION } from '../src/answers/story-choice.ts';
import type { CommandDefinition } from '../src/core/command.ts';

/** What /deaths answers with, loaded when it runs (`ask "/help"` lists commands and loads none of them). */
const modules = () => Promise.all([import('../src/answers/deaths.ts'), import('../src/timeline/cache.ts'), import('../src/answers/chart/file.ts')]);

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
  mayBeSlow: true,
  cooldownSeconds: 3,
  preload: modules,
  async run(app, input): Promise<Answer> {
    const [{ deathsAnswer, deathsJson, deathsKey, deathsQuery }, { cachedByFacts, storyStamp }, { chartFile }] = await modules();
    const query = deathsQuery(app, input.options);
    const { story, region } = query;
    const json = await deathsJson(app, query);
    const chartName = `${deathsKey(query)}.png`;
    // Drawing the chart is redone only when the stored facts change (or the chart file was swept: only the
    // latest charts are kept on disk).
    const charts = join(app.dataDir, 'charts');
    const chart = await cachedByFacts(
      app.store,
      `deaths-chart:${chartName}:${storyStamp(story)}`,
      async () => {
        if (json.series.length === 0 && json.incidents.length === 0) return null;
        const title = `${story?.name ?? 'Death toll'}${region ? ` — ${region}` : ''}`;
        // Named by what it draws: drawn before a restart from the same data, it is the same chart.
        const file = chartFile(charts, deathsKey(query), json, title);
        if (existsSync(file)) return file;
        // Drawn in a worker thread (the event loop keeps answering); Chart.js and the canvas load only there, only
        // when a chart is drawn (not for /help, not when the chart is cached).
        const [{ drawDeathsChart }, { sweepChartFiles }] = await Promise.all([import('../src/pipeline/chart-pool.ts'), import('../src/answers/chart/sweep.ts')]);
        const drawn = await drawDeathsChart(json, file, { title });
        await sweepChartFiles(charts);
        return drawn;
      },
      (cached) => cached === null || existsSync(cached),
      // While an import changes the facts every moment, a chart being drawn serves everyone who asks meanwhile.
      { shareRunning: true },
    );
    return deathsAnswer(json, story, chart ? { name: chartName, path: chart } : null);
  },
} satisfies CommandDefinition;
