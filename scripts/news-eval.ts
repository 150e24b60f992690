/**
 * Scores extraction on the news development set (tests/fixtures/news/<story>/: reports written after real coverage
 * of other crises, with gold.json per story) the way a user meets it: every file of one part (dev or test, frozen in
 * split.json) is ingested into a fresh store with every bundled story loaded, then the stored figures, events and each
 * story's /deaths answer are compared with the gold.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../commands/index.ts';
import { listFacts } from '../src/answers/facts-list.ts';
import { openApp } from '../src/app.ts';
import type { LlmConfig } from '../src/core/llm-config.ts';
import { Dispatcher } from '../src/core/dispatch.ts';
import { ingestTargets } from '../src/pipeline/ingest.ts';
import { evaluate, score, type Evaluation, type FactRow, type Gold, type GoldFigure, type Score } from './evaluation.ts';
import type { DeathsJson } from './series-coverage.ts';

export const NEWS_DIR = join(import.meta.dirname, '../tests/fixtures/news');

export interface NewsDocument {
  file: string;
  language: 'en' | 'es';
  kind: string;
  published: string | null;
  provenance: string;
}
export interface SeriesPoint {
  as_of: string;
  value: number;
  qualifier: string;
  source: string;
  file: string;
}
export interface GoldEvent {
  file: string;
  date: string;
  event: string;
  quote: string;
}
export interface NewsGold extends Gold {
  story: { id: string; name: string; start: string };
  documents: NewsDocument[];
  figures: (GoldFigure & { attribution?: string | null })[];
  expected_death_toll_series: SeriesPoint[];
  timeline_events: GoldEvent[];
}
/** `all`: both parts together (a story's unseen measure on arrival, before anything is tuned on it). */
export type Part = 'dev' | 'test' | 'all';
export interface Split {
  dev: string[];
  test: string[];
}

/** The gold of every story in the set; `file` fields become `<story>/<file>` so names are unique across stories. */
export function loadNewsGold(dir = NEWS_DIR): NewsGold[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'gold.json')))
    .map((entry) => {
      const gold = JSON.parse(readFileSync(join(dir, entry.name, 'gold.json'), 'utf8')) as NewsGold;
      const key = (file: string) => `${entry.name}/${file}`;
      return {
        ...gold,
        documents: gold.documents.map((d) => ({ ...d, file: key(d.file) })),
        figures: gold.figures.map((f) => ({ ...f, file: key(f.file) })),
        not_casualties: gold.not_casualties.map((n) => ({ ...n, file: key(n.file) })),
        expected_death_toll_series: gold.expected_death_toll_series.map((p) => ({ ...p, file: key(p.file) })),
        timeline_events: gold.timeline_events.map((e) => ({ ...e, file: key(e.file) })),
      };
    });
}

export function loadSplit(dir = NEWS_DIR): Split {
  return JSON.parse(readFileSync(join(dir, 'split.json'), 'utf8')) as Split;
}

/** One story's gold restricted to the files of a part. */
function restrict(gold: NewsGold, files: Set<string>): NewsGold {
  const keep = <T extends { file: string }>(list: T[]) => list.filter((x) => files.has(x.file));
  return {
    ...gold,
    documents: keep(gold.documents),
    figures: keep(gold.figures),
    not_casualties: keep(gold.not_casualties),
    expected_death_toll_series: keep(gold.expected_death_toll_series),
    timeline_events: keep(gold.timeline_events),
  };
}

interface EventRow {
  file: string;
  date: string;
  quote: string;
}

export interface SeriesScore {
  story: string;
  expected: number;
  found: number;
  missing: SeriesPoint[];
  /** Why each missing point is missing (counts): not extracted, not read as a toll, read on another day, or left out. */
  missingWhy: Record<string, number>;
  /** Series points (as "date value: quote") whose statement the gold calls a subset or an incident. */
  notCumulative: string[];
  /** Series points whose statement is a gold cumulative figure of another date (more than the tolerance off). */
  wrongDate: string[];
  /** Series points whose statement is no gold figure at all. */
  unexplained: string[];
  /**
   * Whether /deaths heads with the story's latest toll: its latest point is one of the gold's latest points (the
   * expected points within two days of the last one), by value and day; with no toll expected, whether it shows none.
   */
  headline: boolean;
  /** The gold series' last day: the points /deaths should head with. */
  latestExpected: SeriesPoint[];
  deaths: DeathsJson;
}

export interface PartResult {
  part: Part;
  documents: number;
  /** Reports whose publication date was read wrong (or not at all). */
  /** Reports whose publication date was read wrong: what was read (null: none) against the gold's. */
  datedWrong: { file: string; read: string | null; published: string | null }[];
  figures: Evaluation;
  valueOnly: Score;
  byLanguage: Record<string, Score>;
  /** By the kind of report (wire, infobox, live blog, …) and by story. */
  byReportKind: Record<string, Score>;
  byStory: Record<string, Score>;
  series: SeriesScore[];
  timeline: { score: Score; misses: GoldEvent[]; falsePositives: EventRow[] };
}

const DAY = 86_400_000;
const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/[’‘]/g, "'").trim().toLowerCase();
const overlaps = (a: string, b: string) => {
  const x = squash(a);
  const y = squash(b);
  return x.includes(y) || y.includes(x);
};
const days = (a: string, b: string) => Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) / DAY;

/** Ingests one part's files (one at a time, in order, so each stored document is known by its file) and scores it. */
/** `llm`: the model endpoint of the verified extraction pass; null (the default) scores the rules alone. */
export async function evaluatePart(
  part: Part,
  golds = loadNewsGold(),
  split = loadSplit(),
  options: { llm?: LlmConfig | null; stories?: string[] } = {},
): Promise<PartResult> {
  const stories = options.stories;
  if (stories) golds = golds.filter((gold) => stories.includes(gold.story.id));
  const files = new Set(
    (part === 'all' ? [...split.dev, ...split.test] : split[part]).filter((file) => !stories || stories.includes(file.split('/')[0] ?? '')),
  );
  const parts = golds.map((gold) => restrict(gold, files));
  const data = mkdtempSync(join(tmpdir(), `cronista-news-${part}-`));
  const app = openApp(data, { llm: options.llm ?? null });
  try {
    const fileOfDocument = new Map<number, string>();
    const publishedOf = new Map<string, string | null>();
    for (const file of [...files].sort()) {
      const before = (await app.store.learnedSequence()).sequence;
      await ingestTargets(app, [join(NEWS_DIR, file)]);
      const after = (await app.store.learnedSequence()).sequence;
      for (const doc of await app.store.documentsLearnedAfter(before, after)) {
        if (!fileOfDocument.has(doc.id)) fileOfDocument.set(doc.id, file);
        publishedOf.set(file, doc.published?.slice(0, 10) ?? null);
      }
    }
    const keyOf = (row: { documentId: number }) => fileOfDocument.get(row.documentId) ?? '';
    const rows: FactRow[] = (await listFacts(app.store)).figures.map((row) => ({ ...row, file: keyOf({ documentId: row.document }) }));
    const events: EventRow[] = (await app.store.listEvents({})).map((e) => ({ file: keyOf(e), date: e.date, quote: e.quote }));

    const all: NewsGold = {
      ...parts[0]!,
      figures: parts.flatMap((g) => g.figures),
      not_casualties: parts.flatMap((g) => g.not_casualties),
      documents: parts.flatMap((g) => g.documents),
      expected_death_toll_series: [],
      timeline_events: parts.flatMap((g) => g.timeline_events),
    };
    const figures = evaluate(all, rows);
    // Scores of the figures grouped by something of their report: counts only, so safe to print for the test part.
    const groupedBy = (groupOf: (file: string) => string): Record<string, Score> => {
      const groups: Record<string, Score> = {};
      for (const group of [...new Set(all.documents.map((d) => groupOf(d.file)))].sort()) {
        const tp = all.figures.filter((f) => groupOf(f.file) === group && !figures.misses.includes(f)).length;
        const fn = figures.misses.filter((f) => groupOf(f.file) === group).length;
        const fp = figures.falsePositives.filter((r) => groupOf(r.file ?? '') === group).length;
        groups[group] = score(tp, fp, fn);
      }
      return groups;
    };
    const documentOf = (file: string) => all.documents.find((d) => d.file === file);
    const byLanguage = groupedBy((file) => documentOf(file)?.language ?? '?');
    const byReportKind = groupedBy((file) => documentOf(file)?.kind ?? '?');
    const byStory = groupedBy((file) => file.split('/')[0] ?? '?');
    const dispatcher = new Dispatcher(app, commands);
    const series: SeriesScore[] = [];
    for (const gold of parts) {
      if (gold.documents.length === 0) continue;
      // one caller per story: the command's per-user cooldown would refuse a second ask
      const caller = { platform: 'console' as const, userId: `eval-${gold.story.id}`, chatId: 'eval', isAdmin: false };
      const answer = await dispatcher.dispatch({ name: 'deaths', options: { story: gold.story.id }, caller });
      series.push(seriesScore(gold, answer.json as DeathsJson, rows));
    }
    const datedWrong = all.documents
      .filter((d) => (publishedOf.get(d.file) ?? null) !== d.published)
      .map((d) => ({ file: d.file, read: publishedOf.get(d.file) ?? null, published: d.published ?? null }));
    return {
      part,
      documents: files.size,
      datedWrong,
      figures,
      valueOnly: valueOnly(all, rows),
      byLanguage,
      byReportKind,
      byStory,
      series,
      timeline: timelineScore(all.timeline_events, events),
    };
  } finally {
    await app.store.close();
    rmSync(data, { recursive: true, force: true });
  }
}

/** Kind and value only (qualifier, scope and date ignored): does the extractor find the numbers at all? */
function valueOnly(gold: NewsGold, rows: FactRow[]): Score {
  const used = new Set<FactRow>();
  let tp = 0;
  for (const figure of gold.figures) {
    const hit = rows.find((row) => !used.has(row) && row.file === figure.file && row.kind === figure.kind && row.value === figure.value);
    if (hit) {
      used.add(hit);
      tp++;
    }
  }
  const files = new Set(gold.documents.map((d) => d.file));
  const fp = rows.filter((row) => files.has(row.file ?? '') && !used.has(row)).length;
  return score(tp, fp, gold.figures.length - tp);
}

function seriesScore(gold: NewsGold, deaths: DeathsJson, rows: FactRow[]): SeriesScore {
  const toleranceOf = (figure: GoldFigure | undefined) => Math.max(2, figure?.as_of_tolerance_days ?? 0);
  const goldFigureOf = (point: SeriesPoint) =>
    gold.figures.find((f) => f.file === point.file && f.kind === 'deaths' && f.scope === 'cumulative' && f.value === point.value && f.as_of === point.as_of);
  const missing = gold.expected_death_toll_series.filter((expected) => {
    const tolerance = toleranceOf(goldFigureOf(expected));
    return !deaths.series.some(
      (point) => days(point.as_of, expected.as_of) <= tolerance && (point.value === expected.value || point.sources.some((s) => s.value === expected.value)),
    );
  });
  const missingWhy: Record<string, number> = {};
  for (const point of missing) {
    const tolerance = toleranceOf(goldFigureOf(point));
    const same = rows.filter((row) => row.file === point.file && row.kind === 'deaths' && row.value === point.value);
    const why = same.length === 0
      ? 'not extracted'
      : !same.some((row) => row.scope === 'cumulative')
        ? 'not read as a toll'
        : !same.some((row) => row.scope === 'cumulative' && row.as_of !== null && days(row.as_of, point.as_of) <= tolerance)
          ? 'a toll on another day'
          : 'left out of the series';
    missingWhy[why] = (missingWhy[why] ?? 0) + 1;
  }
  const notCumulative: string[] = [];
  const wrongDate: string[] = [];
  const unexplained: string[] = [];
  for (const point of deaths.series) {
    for (const source of point.sources) {
      const label = `${point.as_of} ${source.value}: ${source.quote.slice(0, 110)}`;
      const same = gold.figures.filter((f) => f.kind === 'deaths' && f.value === source.value && overlaps(f.quote, source.quote));
      if (same.length === 0) unexplained.push(label);
      else if (!same.some((f) => f.scope === 'cumulative')) notCumulative.push(label);
      else if (!same.some((f) => f.scope === 'cumulative' && (!f.as_of || days(f.as_of, point.as_of) <= toleranceOf(f)))) wrongDate.push(label);
    }
  }
  const found = gold.expected_death_toll_series.length - missing.length;
  const lastDay = gold.expected_death_toll_series.map((p) => p.as_of).sort().at(-1);
  const latestExpected = gold.expected_death_toll_series.filter((p) => lastDay !== undefined && days(p.as_of, lastDay) <= 2);
  const shown = deaths.latest;
  const headline = shown === null
    ? latestExpected.length === 0
    : latestExpected.some((p) => days(p.as_of, shown.as_of) <= toleranceOf(goldFigureOf(p)) && (shown.value === p.value || shown.sources.some((s) => s.value === p.value)));
  return { story: gold.story.id, expected: gold.expected_death_toll_series.length, found, missing, missingWhy, notCumulative, wrongDate, unexplained, headline, latestExpected, deaths };
}

/** Timeline Date-F1: an extracted event matches a gold one of the same file and date whose quote it overlaps. */
function timelineScore(gold: GoldEvent[], rows: EventRow[]) {
  const files = new Set(gold.map((e) => e.file));
  const candidates = rows.filter((row) => files.has(row.file));
  const used = new Set<EventRow>();
  const misses: GoldEvent[] = [];
  for (const event of gold) {
    const hit = candidates.find((row) => !used.has(row) && row.file === event.file && row.date === event.date && (overlaps(row.quote, event.quote) || sharesWords(row.quote, event.quote)));
    if (hit) used.add(hit);
    else misses.push(event);
  }
  const falsePositives = candidates.filter((row) => !used.has(row));
  return { score: score(used.size, falsePositives.length, misses.length), misses, falsePositives };
}

function sharesWords(a: string, b: string): boolean {
  const words = (s: string) => new Set(squash(s).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3));
  const x = words(a);
  const y = words(b);
  const common = [...x].filter((w) => y.has(w)).length;
  return common >= Math.min(4, Math.ceil(Math.min(x.size, y.size) / 2));
}
