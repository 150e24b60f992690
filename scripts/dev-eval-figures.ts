// Development evaluation of extractFigures on the seed pages (tests/fixtures/seeds) against seeds-gold.json.
// Until src/documents/split.ts exists, pages are split crudely at hand-listed post headings, each with a
// publication date read by hand from its byline (null when the page gives none).
// With --splitter, pages go through src/documents/split.ts instead (hand dates fill posts it leaves undated).
// Run: node --import tsx scripts/dev-eval-figures.ts [--verbose] [--splitter]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFigures } from '../src/facts/figures.ts';
import type { ExtractedFigure } from '../src/facts/types.ts';
import { PERU } from '../tests/facts/peru-story.ts';

const DIR = 'tests/fixtures/seeds';
interface Gold { file: string; quote: string; kind: string; value: number; qualifier: string; scope: string; as_of: string | null; as_of_tolerance_days: number | null; location: string | null }
const gold = JSON.parse(readFileSync(join(DIR, 'seeds-gold.json'), 'utf8')) as { figures: Gold[]; not_casualties: { file: string; quote: string }[] };

/** [heading the post starts with, published] per file; text before the first heading gets the first date. */
const POSTS: Record<string, [string, string | null][]> = {
  '000_8de915bae9b9b824.txt': [['Global South', null], ['The Military Shot to Kill in Ayacucho', null], ['Peru: Protesters Heading to Lima', null]],
  '001_4a60e4f62b68f44e.txt': [
    ['Most Important Stories Of 2023', '2023-12-28'], ['Protests Mark One Year Anniversary', '2023-12-07'], ['Humor In The Headlines', '2023-10-01'],
    ['Peruvians Reject Boluarte', '2023-09-25'], ['Peruvian De Facto Minister', '2023-08-15'], ['For The Crisis In Perú', '2023-07-30'],
    ['Peruvians Take Over Lima', '2023-07-20'], ['Police Crack Down On Demonstrators', '2023-07-23'], ['Peru: Social Movements Demand', '2023-07-21'],
    ['Peru Escalates The Struggle', '2023-07-21'], ['Peruvians To Hit The Streets', '2023-07-15'], ['Peru’s Black Misleadership', '2023-07-05'],
    ['Peruvians Call For 10-Day', '2023-07-04'], ['‘I Will Stay Until 2026’', '2023-06-10'], ['New Wave Of Protests Begin', '2023-05-20'],
  ],
  '002_4808b8058ece4596.txt': [
    ['‘They Shot Them Down Like Animals’', '2022-12-28'], ['Peruvians Block Roads In Cusco', '2022-12-28'], ['Perú’s Dictatorship Shows True Colours', '2022-12-27'],
    ['Peru: Overthrow Of President Castillo', '2022-12-22'], ['Peru: Congress To Advance Elections', '2022-12-21'], ['Gaining Power In The Struggle', '2022-12-20'],
    ['Latin America Rejects Coup', '2022-12-19'], ['Peruvians Resist The Coup', '2022-12-17'], ['Why Peru Has Had Seven Presidents', '2022-12-15'],
    ['Bolivarian Alliance Supports', '2022-12-12'], ['Lawfare: Judicial And Legislative', '2022-12-10'], ['Peru Coup: CIA Agent', '2022-12-10'],
    ['Golpe In Peru', '2022-12-09'], ['Peruvians Continue To Resist', '2022-12-15'], ['The US Egged On The Coup', '2022-12-14'],
  ],
  '003_a8d5d5fd07ea67f5.txt': [
    ['Why Are US Military Personnel', '2023-05-26'], ['Indigenous Rebellion Continues', '2023-03-10'], ['Peru’s Congress Refuses Early', '2023-02-02'],
    ['State of emergency declared', '2023-01-15'], ['Genocide Investigation Launched', '2023-01-11'], ['Peru: General Strike Continues', '2023-01-09'],
    ['Peru Mourns ‘Massacre’', '2023-01-10'], ['25 Peruvians Murdered', '2022-12-19'], ['Peru To Withdraw From', '2021-08-06'],
    ['Peruvian president wins impeachment', '2020-09-28'],
  ],
  '004_229222d99bb9546f.txt': [['The poor in Peru', '2023-01-23']],
};

function posts(file: string): { text: string; published: string | null }[] {
  const text = readFileSync(join(DIR, file), 'utf8');
  const cuts = (POSTS[file] ?? [['', null]]).map(([h, p]) => ({ at: !h || text.startsWith(h) ? 0 : text.indexOf(`\n${h}`), published: p }));
  for (const c of cuts) if (c.at < 0) throw new Error(`${file}: heading not found`);
  cuts.sort((a, b) => a.at - b.at);
  return cuts.map((c, i) => ({ text: text.slice(i === 0 ? 0 : c.at, cuts[i + 1]?.at ?? text.length), published: c.published ? `${c.published}T12:00:00Z` : null }));
}

const norm = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
const overlaps = (a: string, b: string) => norm(a).includes(norm(b)) || norm(b).includes(norm(a));
const dayDiff = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86400000;

async function splitterPosts(file: string): Promise<{ title: string | null; text: string; published: string | null }[]> {
  const { splitPosts } = (await import('../src/documents/split.ts')) as { splitPosts: (t: string) => { title: string | null; text: string; published: string | null }[] };
  const hand = POSTS[file] ?? [];
  return splitPosts(readFileSync(join(DIR, file), 'utf8')).map((p) => {
    const date = hand.find(([h]) => h && p.title?.startsWith(h.slice(0, 20)))?.[1] ?? null;
    return { title: p.title, text: p.text, published: p.published ?? (date ? `${date}T12:00:00Z` : null) };
  });
}

type Pred = ExtractedFigure & { file: string };
const preds: Pred[] = [];
const useSplitter = process.argv.includes('--splitter');
for (const file of Object.keys(POSTS)) {
  const list = useSplitter ? await splitterPosts(file) : posts(file).map((p) => ({ title: null, ...p }));
  for (const post of list) {
    for (const f of extractFigures({ title: post.title, text: post.text, published: post.published, language: 'en' }, PERU)) preds.push({ ...f, file });
  }
}

const exactOk = (g: Gold, p: Pred): string[] => {
  const bad: string[] = [];
  if (g.qualifier !== p.qualifier) bad.push(`qualifier ${p.qualifier}≠${g.qualifier}`);
  if (g.scope !== p.scope) bad.push(`scope ${p.scope}≠${g.scope}`);
  if (g.as_of === null ? p.asOf !== null : !p.asOf || dayDiff(g.as_of, p.asOf) > (g.as_of_tolerance_days ?? 0)) bad.push(`as_of ${p.asOf}≠${g.as_of}±${g.as_of_tolerance_days}`);
  return bad;
};

const used = new Set<Pred>();
const rows: { g: Gold; p: Pred | null; bad: string[] }[] = [];
for (const g of gold.figures) {
  const p = preds.find((x) => !used.has(x) && x.file === g.file && x.kind === g.kind && x.value === g.value && overlaps(x.quote, g.quote)) ?? null;
  if (p) used.add(p);
  rows.push({ g, p, bad: p ? exactOk(g, p) : ['missed'] });
}
const violations = preds.filter((p) => gold.not_casualties.some((n) => n.file === p.file && overlaps(p.quote, n.quote) && norm(n.quote).includes(String(p.value))));
const fps = preds.filter((p) => !used.has(p));

const prf = (tp: number, np: number, ng: number) => {
  const P = np ? tp / np : 1;
  const Rc = ng ? tp / ng : 1;
  return `P=${P.toFixed(2)} R=${Rc.toFixed(2)} F1=${(P + Rc ? (2 * P * Rc) / (P + Rc) : 0).toFixed(2)} (tp ${tp}, pred ${np}, gold ${ng})`;
};
const report = (label: string, gf: (g: Gold) => boolean, pf: (p: Pred) => boolean) => {
  const gs = rows.filter((r) => gf(r.g));
  const detected = gs.filter((r) => r.p && pf(r.p)).length;
  const exact = gs.filter((r) => r.p && pf(r.p) && r.bad.length === 0).length;
  const np = preds.filter(pf).length;
  console.log(`${label.padEnd(22)} detect ${prf(detected, np, gs.length)}\n${''.padEnd(22)} exact  ${prf(exact, np, gs.length)}`);
};
report('ALL', () => true, () => true);
for (const k of ['deaths', 'injured', 'detained']) report(`kind=${k}`, (g) => g.kind === k, (p) => p.kind === k);
for (const s of ['cumulative', 'incident', 'subset']) report(`scope=${s}`, (g) => g.scope === s, (p) => p.scope === s);
console.log(`\nnot_casualties reported: ${violations.length}`);
for (const v of violations) console.log(`  !! ${v.file.slice(0, 3)} ${v.kind} ${v.value} | ${v.quote.slice(0, 120)}`);
console.log('\nMISSES / WRONG FIELDS:');
for (const r of rows.filter((x) => x.bad.length)) console.log(`  ${r.g.file.slice(0, 3)} ${r.g.kind} ${r.g.value} [${r.bad.join('; ')}] | ${r.g.quote.slice(0, 100)}`);
console.log('\nFALSE POSITIVES (not in gold):');
for (const p of fps) console.log(`  ${p.file.slice(0, 3)} ${p.kind} ${p.value} ${p.qualifier} ${p.scope} ${p.asOf} | ${p.quote.slice(0, 120)}`);
if (process.argv.includes('--verbose')) {
  console.log('\nALL PREDICTIONS:');
  for (const p of preds) console.log(`  ${p.file.slice(0, 3)} ${p.kind} ${p.value} ${p.qualifier} ${p.scope} ${p.asOf}/${p.asOfPrecision} loc=${p.location}/${p.region} src=${p.attribution}${p.official ? '*' : ''}${p.byRegion ? ` byRegion=${JSON.stringify(p.byRegion)}` : ''} | ${p.quote.slice(0, 90)}`);
}
