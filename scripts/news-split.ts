// The frozen dev/test split of the news set (tests/fixtures/news/split.json), as a rule anyone can re-run:
// per story, files ordered by the SHA-1 of `<story>/<file>`; one report of each language the story has (languages in
// the order they first appear), then the next in that order, go to `test` until it holds 40% (rounded) of the story;
// the rest is `dev`.
//   node --import tsx scripts/news-split.ts          checks that split.json follows the rule for every story in it
//   node --import tsx scripts/news-split.ts --add    adds stories not yet in split.json (do it before tuning on them)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NEWS_DIR, loadSplit } from './news-eval.ts';

interface GoldDocuments {
  documents: { file: string; language: string }[];
}

/** The rule's dev and test files of one story (paths `<story>/<file>`). */
export function splitStory(story: string, dir = NEWS_DIR): { dev: string[]; test: string[] } {
  const gold = JSON.parse(readFileSync(join(dir, story, 'gold.json'), 'utf8')) as GoldDocuments;
  const language = new Map(gold.documents.map((d) => [d.file, d.language]));
  const sha = (file: string) => createHash('sha1').update(`${story}/${file}`).digest('hex');
  const files = [...language.keys()].sort((a, b) => sha(a).localeCompare(sha(b)));
  const size = Math.round(files.length * 0.4);
  const test: string[] = [];
  for (const lang of [...new Set(files.map((f) => language.get(f)!))]) test.push(files.find((f) => language.get(f) === lang)!);
  for (const file of files) if (test.length < size && !test.includes(file)) test.push(file);
  const path = (file: string) => `${story}/${file}`;
  return { dev: files.filter((f) => !test.includes(f)).map(path), test: test.map(path) };
}

function main(): void {
  const split = loadSplit();
  const known = new Set([...split.dev, ...split.test]);
  const stories = readdirSync(NEWS_DIR).filter((name) => statSync(join(NEWS_DIR, name)).isDirectory()).sort();
  let wrong = 0;
  for (const story of stories) {
    const rule = splitStory(story);
    if ([...rule.dev, ...rule.test].some((file) => known.has(file))) {
      const follows = rule.dev.every((f) => split.dev.includes(f)) && rule.test.every((f) => split.test.includes(f));
      if (!follows) wrong++;
      console.log(`${story}: ${follows ? 'follows the rule' : 'DOES NOT follow the rule'} (dev ${rule.dev.length}, test ${rule.test.length})`);
    } else if (process.argv.includes('--add')) {
      split.dev.push(...rule.dev);
      split.test.push(...rule.test);
      console.log(`${story}: added (dev ${rule.dev.length}, test ${rule.test.length})`);
    } else {
      console.log(`${story}: not in split.json (run with --add before tuning on it)`);
    }
  }
  if (process.argv.includes('--add')) {
    split.dev.sort();
    split.test.sort();
    writeFileSync(join(NEWS_DIR, 'split.json'), `${JSON.stringify(split, null, 1)}\n`);
  }
  process.exitCode = wrong ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
