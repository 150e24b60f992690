/**
 * Realistic generated news: ~5 KB English/Spanish articles about a protest crisis, built from
 * combinatorial sentence parts so that no two articles are near duplicates. Deterministic per seed.
 *
 * Arrival order is chronological, like real feeds: article `index` of a corpus of `total` is published
 * `index / total` of the way through SPAN_DAYS (from 2023-01-01), so a 100-item feed covers a few days at
 * most and indexes past `total` (the digest's new documents) come after all the rest. Each feed lists its
 * items newest first, as RSS feeds do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../tests/fixtures/seeded-random.ts';
const SUBJECTS = ['Protesters', 'Farmers from the highlands', 'Students of San Marcos University', 'Union leaders', 'Riot police', 'Soldiers', 'The regional governor', 'Human rights monitors', 'Relatives of the victims', 'Transport workers', 'Indigenous Aymara communities', 'Opposition lawmakers', 'The Ombudsman', 'Local journalists', 'Health officials', 'Market vendors', 'Miners', 'Church leaders'];
const VERBS = ['blocked', 'marched along', 'gathered outside', 'occupied', 'surrounded', 'cleared', 'returned to', 'left', 'visited', 'denounced the raid on', 'held a vigil at', 'reopened', 'patrolled', 'reported damage at'];
const OBJECTS = ['the main highway', 'the airport', 'the central square', 'the regional government building', 'the police station', 'the bridge over the river', 'the railway line', 'the courthouse', 'the university campus', 'the hospital', 'the border crossing', 'the copper mine access road', 'the market'];
const PLACES = ['Juliaca', 'Puno', 'Ayacucho', 'Cusco', 'Arequipa', 'Andahuaylas', 'Abancay', 'Ilave', 'Lima', 'Huancayo', 'Trujillo', 'Tacna', 'Moquegua', 'Huancavelica', 'Chala', 'Desaguadero'];
const TIMES = ['on Monday', 'on Tuesday', 'early on Wednesday', 'late on Thursday', 'on Friday night', 'over the weekend', 'at dawn', 'in the afternoon', 'last week', 'on January 9', 'on December 15', 'on February 4'];
const CLAUSES = ['according to local radio', 'witnesses said', 'the interior ministry said in a statement', 'as the curfew took effect', 'despite the state of emergency', 'hours after talks collapsed', 'while helicopters flew overhead', 'as shops stayed closed', 'in a show of defiance', 'without any reported injuries', 'the Ombudsman office confirmed', 'a spokesperson told reporters'];


export interface GeneratedArticle {
  title: string;
  text: string;
  published: string;
  link: string;
}

const START = Date.UTC(2023, 0, 1);
/** Days a corpus of `total` articles spans. */
export const SPAN_DAYS = 365;

/** When article `index` of a corpus of `total` is published (indexes ≥ total continue at the same pace). */
export function publishedAt(index: number, total: number): Date {
  return new Date(START + Math.floor((index * SPAN_DAYS * 86_400_000) / Math.max(1, total) / 1000) * 1000);
}

export function generateArticle(index: number, total: number): GeneratedArticle {
  const random = seededRandom(index * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const place = pick(PLACES);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < 5000) {
    const sentences = Array.from({ length: 3 }, () => {
      const n = 2 + Math.floor(random() * 400);
      // Like real reporting: most sentences carry no date of their own, a few say when.
      const when = random() < 0.15 ? ` ${pick(TIMES)}` : '';
      const roll = random();
      if (roll < 0.04) return `The Ombudsman's office said ${20 + Math.floor(index / 200) + Math.floor(random() * 3)} people have died in the protests so far.`;
      if (roll < 0.1) return `At least ${n} people were injured in ${pick(PLACES)}${when}, ${pick(CLAUSES)}.`;
      if (roll < 0.55) return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} in ${pick(PLACES)}${when}, ${pick(CLAUSES)}.`;
      return `${pick(SUBJECTS)} said the situation in ${pick(PLACES)} remained tense, ${pick(CLAUSES)}, and that ${1 + Math.floor(random() * 90)} families had asked for help.`;
    });
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return {
    title: `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} in ${place} (${index})`,
    text: paragraphs.join('\n\n'),
    published: publishedAt(index, total).toUTCString(),
    link: `https://bench.example/news/${index}`,
  };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 feed holding articles [from, to) of a corpus of `total`, newest first. */
export function generateFeed(from: number, to: number, total: number): string {
  const items: string[] = [];
  for (let index = to - 1; index >= from; index--) {
    const article = generateArticle(index, total);
    const html = article.text.split('\n\n').map((p) => `<p>${escape(p)}</p>`).join('');
    items.push(`<item><title>${escape(article.title)}</title><link>${article.link}</link><guid>${article.link}</guid><pubDate>${article.published}</pubDate><description>${escape(html)}</description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench wire</title><link>https://bench.example/</link>${items.join('')}</channel></rss>`;
}

/** Items per generated feed file. */
export const ITEMS_PER_FEED = 100;

/** Feed files under `dir` holding articles [from, to) of a corpus of `total`, 100 to a file. */
export function writeFeeds(dir: string, from: number, to: number, total: number): void {
  mkdirSync(dir, { recursive: true });
  for (let start = from; start < to; start += ITEMS_PER_FEED) {
    writeFileSync(join(dir, `feed-${String(start).padStart(7, '0')}.xml`), generateFeed(start, Math.min(to, start + ITEMS_PER_FEED), total));
  }
}
