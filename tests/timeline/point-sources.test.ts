// A toll point keeps its best reports only (src/timeline/point-sources.ts): on random days of up to 40 reports, what
// /deaths and the story page say of each point is the same as from a point that kept them all, and a point with no more
// reports than the bound is the same point.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deathsText, disagreement } from '../../src/answers/deaths-text.ts';
import { loadStory } from '../../src/facts/story.ts';
import type { Qualifier } from '../../src/facts/types.ts';
import { outlets } from '../../src/platforms/web/page-parts.tsx';
import { buildDeathsData } from '../../src/timeline/deaths.ts';
import { NAMED_REPORTERS, POINT_SOURCES, reportCount, reporters } from '../../src/timeline/point-sources.ts';
import type { DeathPoint, StoredFigure } from '../../src/timeline/types.ts';
import { seededRandom } from '../fixtures/seeded-random.ts';

const story = loadStory(new URL('../../config/stories/peru.yaml', import.meta.url).pathname);
const QUALIFIERS: Qualifier[] = ['exact', 'exact', 'exact', 'approximately', 'at_least', 'more_than', 'almost', 'up_to'];
const OUTLETS = ['Andina', 'Infobae', 'RT', 'teleSUR', 'AP', 'Reuters', 'La República', 'El Comercio', 'EFE', 'AFP', 'Wayka', 'Ojo Público'];
const ATTRIBUTIONS = [null, null, 'Ombudsman', 'Health Ministry', 'local radio', 'Andina'];

function randomFigures(seed: number): StoredFigure[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const figures: StoredFigure[] = [];
  let id = 1;
  const days = 1 + Math.floor(random() * 6);
  for (let day = 0; day < days; day++) {
    const asOf = `2023-02-${String(day * 3 + 1).padStart(2, '0')}`;
    const reports = 1 + Math.floor(random() * 40);
    const base = 40 + day * 5;
    // Some days are mostly one outlet's reports: their best reports may name fewer reporters than the answers list.
    const dominant = random() < 0.5 ? pick(OUTLETS) : null;
    for (let n = 0; n < reports; n++) {
      const value = base + Math.floor(random() * 4);
      const rhetoric = random() < 0.05;
      const fromDominant = dominant !== null && random() < 0.8;
      const attribution = rhetoric || fromDominant ? null : pick(ATTRIBUTIONS);
      figures.push({
        kind: 'deaths', scope: 'cumulative', qualifier: pick(QUALIFIERS), value, location: null, region: null, asOf, asOfPrecision: 'day',
        quote: rhetoric ? `the blood of ${value} martyrs on its hands (${id})` : `the toll rose to ${value} (${id})`,
        attribution, official: random() < 0.1, documentId: id,
        source: { title: `Report ${id}`, url: `https://news.example/${id}`, source: fromDominant ? dominant : pick(OUTLETS), published: `2023-02-${String(day * 3 + 1 + Math.floor(random() * 2)).padStart(2, '0')}T${String(Math.floor(random() * 24)).padStart(2, '0')}:00:00Z` },
      });
      id++;
    }
  }
  return figures;
}

/** The point without its reports and what is said of all of them. */
function bare(point: DeathPoint) {
  const { sources: _s, sources_total: _t, reporters_total: _r, reported_values: _v, ...rest } = point;
  return rest;
}

function isSubsequence<T>(part: readonly T[], whole: readonly T[]): boolean {
  let at = 0;
  for (const item of whole) if (at < part.length && item === part[at]) at++;
  return at === part.length;
}

test('a point that keeps its best reports answers as one that kept them all', () => {
  let cut = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const figures = randomFigures(seed);
    const full = buildDeathsData(figures, { story, sources: Number.POSITIVE_INFINITY });
    const kept = buildDeathsData(figures, { story });
    assert.equal(deathsText(kept, { maxPoints: 100 }), deathsText(full, { maxPoints: 100 }), `seed ${seed}: the /deaths text`);
    assert.deepEqual(kept.series.map(bare), full.series.map(bare), `seed ${seed}`);
    assert.equal(kept.latest?.as_of, full.latest?.as_of);
    assert.deepEqual(kept.other_reports.map(bare), full.other_reports.map(bare));
    full.series.forEach((all, index) => {
      const point = kept.series[index]!;
      const where = `seed ${seed}, ${point.as_of}`;
      assert.equal(reportCount(point), all.sources.length, where);
      assert.equal(outlets(point), outlets(all), `${where}: the page's reporters`);
      assert.equal(disagreement(point), disagreement(all), where);
      assert.deepEqual(reporters(point), reporters(all), where);
      if (all.sources.length <= POINT_SOURCES) {
        assert.deepEqual(point, all, `${where}: a point within the bound is unchanged`);
        return;
      }
      cut++;
      assert.deepEqual(point.sources.slice(0, POINT_SOURCES), all.sources.slice(0, POINT_SOURCES), `${where}: the best reports, in order`);
      assert.ok(point.sources.length <= POINT_SOURCES + NAMED_REPORTERS - 1, where);
      const text = (list: DeathPoint['sources']) => list.map((source) => source.quote);
      assert.ok(isSubsequence(text(point.sources), text(all.sources)), `${where}: in the order the point ranks them`);
    });
  }
  assert.ok(cut > 50, `${cut} points kept only their best reports`);
});
