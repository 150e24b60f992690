/**
 * `node --import tsx scripts/try-figures.ts [--story id] [--published YYYY-MM-DD] "sentence" …`: the figures the rules
 * read in each text, one per line (a quick look while writing a rule; `npm run eval` is the measure).
 */
import { extractFigures } from '../src/facts/figures.ts';
import { join } from 'node:path';
import { loadStories } from '../src/facts/story.ts';

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : undefined);
const storyId = flag('--story');
const published = flag('--published') ?? null;
const story = storyId ? loadStories(join(import.meta.dirname, '../config/stories')).find((s) => s.id === storyId) : undefined;
for (const text of args) {
  console.log(`» ${text}`);
  for (const f of extractFigures({ text, title: null, published, language: null }, story)) {
    console.log(`  ${f.kind} ${f.qualifier} ${f.value} ${f.scope} ${f.asOf ?? "undated"} «${f.quote.slice(0, 80)}»`);
  }
}
