import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Story } from '../../src/facts/types.ts';
import { findPlaces, loadStories, loadStory, parseStory, placeToRegion, readParsedStories, storyTextKey, StoryConfigError, type StoryConfig } from '../../src/facts/story.ts';

const PERU = new URL('../../config/stories/peru.yaml', import.meta.url).pathname;

test('peru.yaml loads: id, start, 25 regions, official sources', () => {
  const story = loadStory(PERU);
  assert.equal(story.id, 'peru-crisis');
  assert.equal(story.start, '2022-12-07');
  assert.equal(story.regions.length, 25);
  for (const name of ['Ombudsman', 'Defensoría del Pueblo', 'Health Ministry', 'Ministerio de Salud', 'Minsa']) {
    assert.ok(story.officialSources.includes(name), name);
  }
  assert.ok(story.keywords.includes('Toma de Lima'));
  assert.ok(story.keywords.includes('Takeover of Lima'));
});

test('placeToRegion maps cities and spellings without accents, any case', () => {
  const story = loadStory(PERU);
  const cases: [string, string, string][] = [
    ['Juliaca', 'Juliaca', 'Puno'],
    ['ilave', 'Ilave', 'Puno'],
    ['Juli', 'Juli', 'Puno'],
    ['DESAGUADERO', 'Desaguadero', 'Puno'],
    ['Huamanga', 'Huamanga', 'Ayacucho'],
    ['Andahuaylas', 'Andahuaylas', 'Apurímac'],
    ['Abancay', 'Abancay', 'Apurímac'],
    ['Apurimac', 'Apurímac', 'Apurímac'],
    ['junin', 'Junín', 'Junín'],
    ['Huanuco', 'Huánuco', 'Huánuco'],
    ['san martin', 'San Martín', 'San Martín'],
    ['Madre de Dios', 'Madre de Dios', 'Madre de Dios'],
    ['Trujillo', 'Trujillo', 'La Libertad'],
    ['Iquitos', 'Iquitos', 'Loreto'],
    ['Pucusana', 'Pucusana', 'Lima'],
    ['Cusco', 'Cusco', 'Cusco'],
    ['Cuzco', 'Cusco', 'Cusco'],
    ['Arequipa', 'Arequipa', 'Arequipa'],
    ['Lambayeque', 'Lambayeque', 'Lambayeque'],
    ['the city of Juliaca', 'Juliaca', 'Puno'],
    ['Puno region', 'Puno', 'Puno'],
  ];
  for (const [name, place, region] of cases) assert.deepEqual(placeToRegion(story, name), { place, region }, name);
  assert.equal(placeToRegion(story, 'Santiago'), null);
  assert.equal(placeToRegion(story, ''), null);
});

test('findPlaces: whole words, no streets or squares named after regions', () => {
  const story = loadStory(PERU);
  const text = 'Marchers went from Abancay Avenue into San Martin Square in Lima; in Juliaca and in Juli, Lima-based elites watched.';
  assert.deepEqual(
    findPlaces(story, text).map((p) => `${p.place}/${p.region}`),
    ['Lima/Lima', 'Juliaca/Puno', 'Juli/Puno'],
  );
});

test('findPlaces: names written with a hyphen or an apostrophe, either way the text writes them', () => {
  const story = parseStory({
    id: 'x', name: 'X', start: '2021-07-09', keywords: ['k'],
    regions: [{ name: 'KwaZulu-Natal', aliases: ['KZN'], places: ["N'Djamena Farcha", 'Port-au-Prince'] }],
  }) as unknown as Story;
  const text = "Riots spread from KwaZulu-Natal (KwaZulu Natal to some) to Port-au-Prince and N’Djamena Farcha; Port au Prince too.";
  assert.deepEqual(
    findPlaces(story, text).map((p) => p.place),
    ['KwaZulu-Natal', 'KwaZulu-Natal', 'Port-au-Prince', "N'Djamena Farcha", 'Port-au-Prince'],
  );
});

function writeStory(dir: string, name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

test('a bad story file names the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-story-'));
  const base = 'id: test\nname: Test\nkeywords: [a]\n';
  const cases: [string, RegExp][] = [
    [base, /start/],
    [`${base}start: 2022-13-45\n`, /start/],
    ['id: test\nname: Test\nstart: "2022-12-07"\nkeywords: []\n', /keywords/],
    [`id: Bad Id\nname: Test\nstart: "2022-12-07"\nkeywords: [a]\n`, /\bid\b/],
    [`${base}start: "2022-12-07"\nregions:\n  - name: Puno\n    places: [Juliaca]\n  - aliases: [x]\n`, /regions\[1\]\.name/],
    [`${base}start: "2022-12-07"\nregions:\n  - name: Puno\n    places: [Juliaca, 3]\n`, /regions\[0\]\.places\[1\]/],
    [`${base}start: "2022-12-07"\nofficialSources: Ombudsman\n`, /officialSources/],
    [`${base}start: "2022-12-07"\nregions:\n  - name: Puno\n  - name: puno\n`, /regions\[1\]\.name: duplicate/],
  ];
  cases.forEach(([yaml, field], i) => {
    const path = writeStory(dir, `bad${i}.yaml`, yaml);
    assert.throws(() => loadStory(path), (err: unknown) => {
      assert.ok(err instanceof StoryConfigError, String(err));
      assert.match(err.message, field);
      assert.ok(err.message.startsWith(path), err.message);
      return true;
    }, `case ${i}`);
  });
  const broken = writeStory(dir, 'broken.yaml', 'id: [unclosed\n');
  assert.throws(() => loadStory(broken), /invalid YAML/);
  assert.throws(() => loadStory(join(dir, 'missing.yaml')), /cannot read/);
});

test('an unquoted YAML date for start is accepted as that day', () => {
  const story = parseStory({ id: 'x', name: 'X', start: new Date('2022-12-07T00:00:00Z'), keywords: ['k'] });
  assert.equal(story.start, '2022-12-07');
  assert.deepEqual(story.regions, []);
});

test('loadStories reads every yaml of a folder and rejects duplicate ids', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-stories-'));
  copyFileSync(PERU, join(dir, 'peru.yaml'));
  writeStory(dir, 'other.yml', 'id: other\nname: Other\nstart: "2024-01-01"\nkeywords: [x]\n');
  writeStory(dir, 'notes.txt', 'not a story');
  assert.deepEqual(loadStories(dir).map((s) => s.id), ['other', 'peru-crisis']);
  writeStory(dir, 'peru-copy.yaml', 'id: peru-crisis\nname: Copy\nstart: "2022-12-07"\nkeywords: [x]\n');
  assert.throws(() => loadStories(dir), /id: duplicate story id "peru-crisis" .*peru-copy\.yaml/);
});

test('stories the build already validated are taken by their text; an edited file is parsed and checked again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-stories-'));
  copyFileSync(PERU, join(dir, 'peru.yaml'));
  const fresh = loadStories(dir);
  // The build's dist/stories.json: { key of the file's text: the story }. A marked copy shows which one is used.
  const marked: StoryConfig = { ...fresh[0]!, name: 'from the build' };
  const cache = join(dir, 'stories.json');
  writeFileSync(cache, JSON.stringify({ [storyTextKey(readFileSync(PERU, 'utf8'))]: marked }));
  const parsed = readParsedStories(cache);
  const first = loadStories(dir, parsed);
  assert.equal(first[0]!.name, 'from the build');
  first[0]!.keywords.push('added from chat');
  assert.ok(!loadStories(dir, parsed)[0]!.keywords.includes('added from chat'), 'each load gets its own copy');
  assert.deepEqual(loadStories(dir, readParsedStories(null)), fresh, 'no file: parsed as before');
  assert.deepEqual(loadStories(dir, readParsedStories(join(dir, 'missing.json'))), fresh);

  writeStory(dir, 'peru.yaml', readFileSync(PERU, 'utf8').replace(/^keywords:/m, 'keyword:'));
  assert.throws(() => loadStories(dir, parsed), /peru\.yaml: invalid story config: keywords/);
});
