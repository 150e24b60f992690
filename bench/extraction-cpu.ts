/**
 * `npx tsx bench/extraction-cpu.ts [documents]`: the extraction stages alone, in this thread, on generated articles with
 * every configured story (config/stories): milliseconds per document for preparing a draft (text, language, hash) and
 * for its facts (story, figures, events). Run it with `node --cpu-prof --import tsx` to see where the time goes; the
 * whole ingest, store included, is bench/ingest-cpu.ts.
 */
import { loadStories } from '../src/facts/story.ts';
import { draftFacts, prepareDraft } from '../src/pipeline/extraction-worker.ts';
import { generateArticle } from './generate.ts';

const stories = loadStories('config/stories');
const size = Number(process.argv[2] ?? 300);
const articles = Array.from({ length: size }, (_, i) => generateArticle(i, size));
const now = new Date();
let prepareMs = 0;
let factsMs = 0;
let figures = 0;
for (const article of articles) {
  const started = performance.now();
  const item = { key: article.link, url: article.link, title: article.title, published: new Date(article.published).toISOString(), text: article.text };
  const { draft } = prepareDraft(item, stories, now);
  const prepared = performance.now();
  figures += draftFacts(draft, stories, null).facts.figures.length;
  factsMs += performance.now() - prepared;
  prepareMs += prepared - started;
}
console.log(
  `${size} documents, ${stories.length} stories: prepare ${(prepareMs / size).toFixed(1)} ms/document, facts ${(factsMs / size).toFixed(1)} ms/document (${figures} figures)`,
);
