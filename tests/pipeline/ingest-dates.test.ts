import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApp } from '../../src/app.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';

/** Ingests one text page and returns its stored publication date. */
async function publishedOf(text: string): Promise<string | null> {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-dateline-'));
  const app = openApp(join(dir, 'data'));
  try {
    const path = join(dir, 'dispatch.txt');
    writeFileSync(path, text);
    await ingestTargets(app, [path]);
    const { sequence } = await app.store.learnedSequence();
    const [doc] = await app.store.documentsLearnedAfter(0, sequence);
    return doc?.published ?? null;
  } finally {
    await app.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEADLINE = 'Cuatro heridos en una nueva jornada de protestas en el sur de Perú';
const LEAD = 'Las protestas contra la presidenta Dina Boluarte dejaron este jueves cuatro heridos en Puno, según informó la Defensoría del Pueblo de Perú.';

test('a year-less wire dateline takes its year from the story the dispatch belongs to', async () => {
  assert.equal(await publishedOf([HEADLINE, 'LIMA, 12 ene (EFE).-', '', LEAD].join('\n')), '2023-01-12');
});

test('the weekday a dispatch gives as today picks the year within the story\'s span', async () => {
  // 12 January was a Thursday in 2023 and a Friday in 2024
  const friday = LEAD.replace('este jueves', 'este viernes');
  assert.equal(await publishedOf([HEADLINE, '', `LIMA, 12 ene (EFE).- ${friday}`].join('\n')), '2024-01-12');
});

test('a year-less dateline of a dispatch no story claims stays undated', async () => {
  const text = ['Four injured as farmers block roads over fuel prices', '', 'OSLO, 12 Jan (NTB) - Four people were injured on Thursday when farmers blocked roads across the country over fuel prices, the police said.'].join('\n');
  assert.equal(await publishedOf(text), null);
});
