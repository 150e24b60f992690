// Hand-split posts of the sample seeds with their publication dates written by hand (the page splitter
// is someone else's job): what the event tests feed the extractor.
import { readFileSync } from 'node:fs';
import type { FactInput } from '../../src/facts/types.ts';

const SEEDS = new URL('../fixtures/seeds/', import.meta.url);
export const seed = (name: string) => readFileSync(new URL(name, SEEDS), 'utf8');

/** 003 (Aletho News): byline dates of each post, by title. */
const POST_DATES: [string, string][] = [
  ['Why Are US Military Personnel Heading to Peru?', '2023-05-26'],
  ['Indigenous Rebellion Continues as Post-Coup Peruvian Government Flounders', '2023-03-10'],
  ['Peru’s Congress Refuses Early Elections, Heightening Tensions as Protests Rage', '2023-02-02'],
  ['State of emergency declared in Peru amid deadly protests', '2023-01-15'],
  ['Genocide Investigation Launched Against Peruvian Authorities Following Massacre', '2023-01-11'],
  ['Peru: General Strike Continues Despite Repression', '2023-01-09'],
  ['Peru Mourns ‘Massacre’ of 17 as Calls Grow for US-Backed ‘Coup Regime’ to Step Down', '2023-01-10'],
  ['25 Peruvians Murdered in a Week of Intense Repression', '2022-12-19'],
  ['Peru To Withdraw From the US-Controlled Lima Group', '2021-08-06'],
  ['Peruvian president wins impeachment process, but opposition grows', '2020-09-28'],
];

/** The blog page 003 cut into its posts: title, body (byline and "Posted by" footer removed), date. */
export function posts003(): FactInput[] {
  const text = seed('003_a8d5d5fd07ea67f5.txt').replace(/\u00a0/g, ' ');
  const out: FactInput[] = [];
  for (const [i, [title, published]] of POST_DATES.entries()) {
    const start = text.indexOf(`\n${title}\n`);
    if (start < 0) throw new Error(`post not found: ${title}`);
    const nextTitle = POST_DATES[i + 1]?.[0];
    const end = nextTitle ? text.indexOf(`\n${nextTitle}\n`) : text.length;
    const lines = text.slice(start + title.length + 2, end).split('\n');
    // Drop the byline (first non-empty line naming the outlet/date) and the "… Posted by …" footer.
    const firstLine = lines.findIndex((l) => l.trim());
    const body = lines
      .filter((l, j) => !(j === firstLine && /(\||–|\bBy\b|\bBY\b)/.test(l)) && !/Posted by/.test(l))
      .filter((l, j) => !(j <= 2 && /^“Terrorists/.test(l)))
      .join('\n');
    out.push({ title, text: body, published: `${published}T12:00:00Z`, language: 'en' });
  }
  return out;
}

export function seedDocs(): { name: string; doc: FactInput }[] {
  return [
    { name: '000', doc: { title: null, text: seed('000_8de915bae9b9b824.txt'), published: '2023-01-16T00:00:00Z', language: 'en' } },
    { name: '001', doc: { title: null, text: seed('001_4a60e4f62b68f44e.txt'), published: '2023-12-08T00:00:00Z', language: 'en' } },
    { name: '002', doc: { title: null, text: seed('002_4808b8058ece4596.txt'), published: null, language: 'en' } },
    ...posts003().map((doc, i) => ({ name: `003.${i}`, doc })),
    { name: '004', doc: { title: null, text: seed('004_229222d99bb9546f.txt'), published: '2023-01-23T00:00:00Z', language: 'en' } },
  ];
}
