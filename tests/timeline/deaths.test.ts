import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDeathsData, ceilingOf, floorOf } from '../../src/timeline/deaths.ts';
import { deathsText } from '../../src/answers/deaths-text.ts';
import { loadStory } from '../../src/facts/story.ts';
import type { ExtractedFigure } from '../../src/facts/types.ts';
import type { StoredFigure } from '../../src/timeline/types.ts';
import { sampleFigures } from './sample-figures.ts';

const story = loadStory(new URL('../../config/stories/peru.yaml', import.meta.url).pathname);

let nextId = 100;
function fig(f: Partial<ExtractedFigure> & Pick<ExtractedFigure, 'value'>, source = 'Outlet', published = '2023-01-20T00:00:00Z'): StoredFigure {
  return {
    kind: 'deaths', qualifier: 'exact', scope: 'cumulative', location: null, region: null, asOf: '2023-01-20',
    asOfPrecision: 'day', quote: `quote ${f.value} ${nextId}`, attribution: null, official: false, ...f,
    documentId: nextId++, source: { title: `${source} story`, url: `https://example.org/${nextId}`, source, published },
  };
}

test('sample: the running toll, one point per date, oldest first', () => {
  const data = buildDeathsData(sampleFigures(), { story });
  assert.deepEqual(
    data.series.map((p) => [p.as_of, p.value, p.qualifier, p.low, p.high]),
    [
      ['2022-12-18', 25, 'exact', 25, 25],
      ['2022-12-26', 30, 'almost', 30, 30],
      ['2023-01-09', 30, 'more_than', 30, 30],
      ['2023-01-13', 47, 'exact', 47, 47],
      ['2023-01-16', 48, 'exact', 46, 48],
      ['2023-01-23', 55, 'more_than', 55, 55],
      ['2023-02-02', 60, 'approximately', 60, 60],
      ['2023-03-10', 60, 'exact', 60, 60],
      ['2023-05-26', 70, 'approximately', 70, 70],
      ['2023-07-19', 80, 'more_than', 80, 80],
      ['2023-12-07', 100, 'more_than', 100, 100],
    ],
  );
  // 2022-12-18 is the Health Ministry's count; every source keeps its own value and qualifier.
  const first = data.series[0]!;
  assert.equal(first.sources[0]!.source, 'teleSUR');
  assert.equal(first.sources[0]!.official, true);
  assert.equal(first.sources[0]!.attribution, 'Health Ministry');
  const jan16 = data.series[4]!;
  assert.deepEqual(jan16.sources.map((s) => [s.source, s.value, s.qualifier]), [['Global South', 48, 'exact'], ['Global South', 46, 'exact']]);
  // "the blood of over 100 martyrs on its hands" (2023-12-07) is rhetoric: the headline stays on the last count
  assert.equal(data.series.at(-1)?.as_of, '2023-12-07');
  assert.equal(data.latest?.as_of, '2023-07-19');
  assert.deepEqual(data.other_reports.map((p) => [p.as_of, p.value]), [['2023-12-07', 100]]);
  // Injured, subset and pre-story figures stay out; nothing in the sample goes down.
  assert.ok(data.series.every((p) => !p.revision), JSON.stringify(data.series.filter((p) => p.revision)));
  assert.ok(!data.series.some((p) => p.as_of < story.start));
});

test('sample: the Juliaca incident groups 17, at least 17, 18 "in the region" (Puno), 19 and "over a dozen"', () => {
  const data = buildDeathsData(sampleFigures(), { story });
  assert.equal(data.incidents.length, 2);
  const juliaca = data.incidents[0]!;
  assert.equal(juliaca.as_of, '2023-01-09');
  assert.equal(juliaca.location, 'Juliaca');
  assert.equal(juliaca.region, 'Puno');
  assert.equal(juliaca.low, 17);
  assert.equal(juliaca.high, 19);
  assert.equal(juliaca.value, 17);
  assert.equal(juliaca.sources.length, 5);
  assert.ok(juliaca.sources.some((s) => s.value === 18 && s.source === 'RT'));
  assert.deepEqual([data.incidents[1]!.location, data.incidents[1]!.as_of, data.incidents[1]!.value], ['Ilave', '2023-03-05', 1]);
});

test('sample: deaths by region as of 2022-12-18', () => {
  const withStory = buildDeathsData(sampleFigures(), { story }).by_region;
  assert.deepEqual(
    withStory.map((r) => [r.region, r.value, r.as_of]),
    [['Ayacucho', 9, '2022-12-18'], ['Apurímac', 6, '2022-12-18'], ['Cusco', 3, '2022-12-18'], ['Junín', 3, '2022-12-18'], ['La Libertad', 3, '2022-12-18'], ['Arequipa', 1, '2022-12-18']],
  );
  assert.equal(withStory[0]!.sources[0]!.source, 'teleSUR');
  // Without a story the names stay as reported.
  const plain = buildDeathsData(sampleFigures()).by_region;
  assert.deepEqual(plain.map((r) => `${r.region} ${r.value}`), ['Ayacucho 9', 'Apurimac 6', 'Cusco 3', 'Junin 3', 'La Libertad 3', 'Arequipa 1']);
});

test('by region: the latest count per region wins, region-scoped cumulative figures count', () => {
  const figures = [
    ...sampleFigures(),
    fig({ value: 12, asOf: '2023-01-05', region: 'Ayacucho', location: 'Ayacucho' }, 'La República'),
    fig({ value: 18, asOf: '2023-01-12', region: 'Puno', location: null }, 'Ombudsman', '2023-01-12T00:00:00Z'),
  ];
  const rows = buildDeathsData(figures, { story }).by_region;
  assert.deepEqual(rows.slice(0, 3).map((r) => [r.region, r.value, r.as_of]), [['Puno', 18, '2023-01-12'], ['Ayacucho', 12, '2023-01-05'], ['Apurímac', 6, '2022-12-18']]);
  // A region-scoped count is not the national toll.
  assert.ok(!buildDeathsData(figures, { story }).series.some((p) => p.value === 18 || p.value === 12));
});

test('best attribution: official counts first, then the most precise qualifier; low/high span all reports', () => {
  const data = buildDeathsData([
    fig({ value: 48 }, 'Outlet A'),
    fig({ value: 46, attribution: 'Defensoría del Pueblo' }, 'Outlet B'),
    fig({ value: 50, qualifier: 'approximately' }, 'Outlet C'),
  ], { story });
  const p = data.series[0]!;
  assert.deepEqual([p.value, p.qualifier, p.low, p.high], [46, 'exact', 46, 50]);
  assert.equal(p.sources[0]!.official, true);

  const precise = buildDeathsData([fig({ value: 60, qualifier: 'approximately' }, 'A'), fig({ value: 60 }, 'B'), fig({ value: 58, qualifier: 'more_than' }, 'C')]).series[0]!;
  assert.deepEqual([precise.value, precise.qualifier, precise.low, precise.high], [60, 'exact', 60, 60]);
  assert.equal(precise.sources.length, 3);
});

test('revision: a lower later point is flagged when even its highest report is below what was established', () => {
  const data = buildDeathsData([
    fig({ value: 47, asOf: '2023-01-13' }),
    fig({ value: 30, qualifier: 'more_than', asOf: '2023-01-14' }), // consistent with 47: not a revision
    fig({ value: 50, qualifier: 'almost', asOf: '2023-01-15' }), // < 50 may be 47–49: not a revision
    fig({ value: 45, asOf: '2023-01-16' }), // below 47: revision
    fig({ value: 44, asOf: '2023-01-17' }),
    fig({ value: 46, asOf: '2023-01-17' }), // highest report 46 < 47: revision
    fig({ value: 49, asOf: '2023-01-18' }),
  ]);
  assert.deepEqual(data.series.map((p) => [p.as_of, p.revision ?? false]), [
    ['2023-01-13', false], ['2023-01-14', false], ['2023-01-15', false], ['2023-01-16', true], ['2023-01-17', true], ['2023-01-18', false],
  ]);
  assert.equal(floorOf(30, 'more_than'), 31);
  assert.equal(ceilingOf(30, 'more_than'), Number.POSITIVE_INFINITY);
  assert.equal(ceilingOf(30, 'almost'), 29);
});

test('incidents: different days or different places stay apart; same place ±1 day joins', () => {
  const data = buildDeathsData([
    fig({ value: 10, scope: 'incident', location: 'Huamanga', region: 'Ayacucho', asOf: '2022-12-15' }),
    fig({ value: 8, scope: 'incident', location: 'Ayacucho', region: 'Ayacucho', asOf: '2022-12-16' }),
    fig({ value: 6, scope: 'incident', location: 'Andahuaylas', region: 'Apurímac', asOf: '2022-12-15' }),
    fig({ value: 2, scope: 'incident', location: 'Juliaca', region: 'Puno', asOf: '2023-01-12' }),
    fig({ value: 17, scope: 'incident', location: 'Juliaca', region: 'Puno', asOf: '2023-01-09' }),
    fig({ value: 18, scope: 'incident', location: 'Juliaca', region: 'Puno', asOf: '2023-01-10' }),
  ], { story });
  assert.deepEqual(data.incidents.map((i) => [i.as_of, i.location, i.low, i.high]), [
    ['2022-12-15', 'Huamanga', 8, 10],
    ['2022-12-15', 'Andahuaylas', 6, 6],
    ['2023-01-09', 'Juliaca', 17, 18],
    ['2023-01-12', 'Juliaca', 2, 2],
  ]);
  assert.equal(data.series.length, 0);
  assert.equal(data.latest, null);
});

test('deathsText: headline with source and date, trajectory, disagreement, incidents, regions', () => {
  const text = deathsText(buildDeathsData(sampleFigures(), { story }));
  assert.match(text, /^Death toll: more than 80 as of 2023-07-19, per Popular Resistance/);
  assert.match(text, /Other reports: more than 100 on 2023-12-07, per Popular Resistance \(a claim, not a count\)/);
  assert.match(text, /2022-12-18 {2}25 \(Health Ministry via teleSUR\)/);
  assert.match(text, /2023-01-16 {2}48 \(Global South\) — sources disagree: 46 vs 48/);
  assert.match(text, /2023-01-09 Juliaca \(Puno\): 17–19 killed/);
  assert.match(text, /sources disagree: 17 vs 18 vs 19/);
  assert.match(text, /By region \(as of 2022-12-18\):\n {2}Ayacucho 9 · Apurímac 6 · Cusco 3 · Junín 3 · La Libertad 3 · Arequipa 1/);
  assert.equal(deathsText(buildDeathsData([])), 'No death toll reported yet.');
});

test('one document carried by two outlets counts as two sources; the same statement stored twice counts once', () => {
  const base = fig({ value: 47, asOf: '2023-01-13' }, 'RT');
  const copy = { ...base, source: { ...base.source, source: 'Aletho News', url: 'https://aletho.example/x' } };
  const point = buildDeathsData([base, copy, { ...base }]).series[0]!;
  assert.deepEqual(point.sources.map((s) => s.source).sort(), ['Aletho News', 'RT']);
});

test('a toll does not shrink: a day\'s count read as the toll leaves the series; a much lower late count is not the headline', () => {
  const figures = [
    fig({ value: 19, asOf: '2024-06-30', attribution: 'Rights commission' }),
    fig({ value: 39, asOf: '2024-07-01', attribution: 'Rights commission' }),
    fig({ value: 60, asOf: '2024-07-16', attribution: 'Rights commission' }),
    // an anniversary day's toll, misread as the running toll, and a day's count a year on
    fig({ value: 2, asOf: '2024-09-27', attribution: 'Police' }),
    fig({ value: 8, qualifier: 'at_least', asOf: '2025-06-25', attribution: 'Amnesty International' }),
  ];
  const data = buildDeathsData(figures, { story });
  assert.deepEqual(data.series.map((p) => p.value), [19, 39, 60], 'a 2 or "at least 8" after 19, 39, 60 is no total');
  assert.equal(data.latest?.value, 60);
  const acknowledged = buildDeathsData([
    fig({ value: 325, asOf: '2023-03-21', attribution: 'IACHR' }),
    fig({ value: 355, asOf: '2023-07-31', attribution: 'IACHR' }),
    fig({ value: 200, qualifier: 'approximately', asOf: '2025-04-18', attribution: 'Government', official: true }),
  ], { story });
  assert.equal(acknowledged.latest?.value, 355);
  assert.equal(acknowledged.series.at(-1)?.value, 200, 'the government\'s lower count is kept in the series');
});
