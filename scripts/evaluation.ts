/**
 * Scores extracted figures against a hand annotation (corpus/seeds-gold.json's format): exact match
 * needs kind, value, qualifier, scope, and as_of within the annotation's tolerance.
 */
export interface GoldFigure {
  file: string;
  quote: string;
  kind: string;
  value: number;
  qualifier: string;
  scope: string;
  as_of: string | null;
  as_of_tolerance_days: number | null;
  location: string | null;
}

export interface Gold {
  figures: GoldFigure[];
  not_casualties: { file: string; quote: string }[];
}

export interface FactRow {
  kind: string;
  value: number;
  qualifier: string;
  scope: string;
  as_of: string | null;
  location: string | null;
  quote: string;
  source: { url: string | null; title: string | null };
  /** The gold file the row was read from, when the caller knows it (else the source URL's last segment). */
  file?: string;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  overall: Score;
  byKind: Record<string, Score>;
  byScope: Record<string, Score>;
  misses: GoldFigure[];
  falsePositives: FactRow[];
  nonCasualties: FactRow[];
}

const DAY = 86_400_000;
const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/[’‘]/g, "'").trim().toLowerCase();

function fileOf(row: FactRow): string {
  if (row.file !== undefined) return row.file;
  return decodeURIComponent((row.source.url ?? '').split('/').pop() ?? '').replace(/#.*$/, '');
}

function dateMatches(gold: GoldFigure, asOf: string | null): boolean {
  if (gold.as_of === null) return true;
  if (!asOf) return false;
  const distance = Math.abs(Date.parse(asOf.slice(0, 10)) - Date.parse(gold.as_of)) / DAY;
  return distance <= (gold.as_of_tolerance_days ?? 0);
}

export function matches(gold: GoldFigure, row: FactRow): boolean {
  return (
    fileOf(row) === gold.file &&
    row.kind === gold.kind &&
    row.value === gold.value &&
    row.qualifier === gold.qualifier &&
    row.scope === gold.scope &&
    dateMatches(gold, row.as_of)
  );
}

function overlaps(a: string, b: string): boolean {
  const x = squash(a);
  const y = squash(b);
  return x.includes(y) || y.includes(x);
}

function numbersIn(text: string): number[] {
  return (text.match(/\d[\d,]*/g) ?? []).map((digits) => Number(digits.replace(/,/g, '')));
}

export function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export function evaluate(gold: Gold, rows: FactRow[]): Evaluation {
  const files = new Set(gold.figures.map((figure) => figure.file).concat(gold.not_casualties.map((n) => n.file)));
  const candidates = rows.filter((row) => files.has(fileOf(row)));
  const used = new Set<FactRow>();
  const matched = new Map<GoldFigure, FactRow>();
  for (const figure of gold.figures) {
    const hit = candidates.find((row) => !used.has(row) && matches(figure, row) && overlaps(row.quote, figure.quote))
      ?? candidates.find((row) => !used.has(row) && matches(figure, row));
    if (hit) {
      used.add(hit);
      matched.set(figure, hit);
    }
  }
  const falsePositives = candidates.filter((row) => !used.has(row));
  const misses = gold.figures.filter((figure) => !matched.has(figure));
  const group = (key: 'kind' | 'scope') => {
    const keys = new Set([...gold.figures.map((f) => f[key]), ...candidates.map((r) => r[key])]);
    return Object.fromEntries(
      [...keys].map((value) => [
        value,
        score(
          gold.figures.filter((f) => f[key] === value && matched.has(f)).length,
          falsePositives.filter((r) => r[key] === value).length,
          misses.filter((f) => f[key] === value).length,
        ),
      ]),
    );
  };
  return {
    overall: score(matched.size, falsePositives.length, misses.length),
    byKind: group('kind'),
    byScope: group('scope'),
    misses,
    falsePositives,
    nonCasualties: candidates.filter((row) =>
      gold.not_casualties.some((n) => n.file === fileOf(row) && overlaps(row.quote, n.quote) && numbersIn(n.quote).includes(row.value)),
    ),
  };
}

/**
 * A figure read from one entry of a parenthesised breakdown by place ("Ayacucho (9)"). ANNOTATION.md makes such an
 * entry a `subset` by region, and the news set's gold lists them; the sample's gold (seeds-gold.json) does not, so the
 * sample is also scored without them to keep the two conventions apart.
 */
export function isBreakdownEntry(row: FactRow): boolean {
  if (!row.location || row.scope !== 'subset') return false;
  const place = row.location.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${place}(?:\\s+\\p{Ll}+)?\\s*\\(${row.value}(?:\\s+\\p{L}+(?:\\s+\\p{L}+)?)?\\)`, 'u').test(row.quote);
}
