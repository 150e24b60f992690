// Where article pages keep their publication date: the <meta> names of publishing systems in any case, schema.org's
// dateCreated, an hAtom entry, a date printed above the headline inside the article, a headline told apart from a
// site name that is an <h1> too. Pages written for this test in the shapes sites use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readHtmlPage } from '../../src/documents/html.ts';

const STORY = [
  'The police said on Monday that twelve people had been killed in clashes with the security forces in the capital during the night.',
  'Hospitals in the capital said they had received dozens of wounded people, some of them with gunshot wounds, and that the number could rise.',
  'The government called for calm and announced an inquiry into the deaths, while the opposition called for new marches across the country.',
]
  .map((s) => `<p>${s}</p>`)
  .join('');
const HEADLINE = '<h1>Police say 12 people were killed in the capital</h1>';

function page(head: string, body: string): string {
  return `<!doctype html><html lang="en"><head><title>Police say 12 people were killed in the capital | Daily</title>${head}</head><body><nav><ul><li>Home</li><li>World</li></ul></nav>${body}</body></html>`;
}

test('the publication date in <meta> under the names publishing systems use, in any case', () => {
  const metas = [
    '<meta name="Date" content="2019-11-12">',
    '<meta name="DC.date" content="2019-11-12">',
    '<meta name="sailthru.date" content="2019-11-12 10:12:00">',
    '<meta name="citation_publication_date" content="2019/11/12">',
    '<meta name="publication_date" content="2019-11-12">',
    '<meta name="article.published" content="2019-11-12T10:12:00Z">',
    '<meta property="og:published_time" content="2019-11-12T10:12:00Z">',
    '<meta name="PublishDate" content="2019-11-12">',
  ];
  for (const meta of metas) assert.match(readHtmlPage(page(meta, `<article>${HEADLINE}${STORY}</article>`)).published ?? '', /^2019-11-12/, meta);
  // The publication wins over a date the page gives with a weaker name.
  const both = '<meta name="date" content="2019-11-20"><meta property="article:published_time" content="2019-11-12T10:12:00Z">';
  assert.match(readHtmlPage(page(both, `<article>${HEADLINE}${STORY}</article>`)).published ?? '', /^2019-11-12/);
});

test("schema.org's dateCreated when the page gives no datePublished", () => {
  const ld = '<script type="application/ld+json">{"@type":"NewsArticle","dateCreated":"2019-11-12T10:12:00Z"}</script>';
  assert.match(readHtmlPage(page(ld, `<article>${HEADLINE}${STORY}</article>`)).published ?? '', /^2019-11-12/);
});

test('a date above the headline inside the article, an hAtom entry, and a site name in an <h1> of its own', () => {
  assert.equal(readHtmlPage(page('', `<article><div class="date">12 November 2019</div>${HEADLINE}${STORY}</article>`)).published, '2019-11-12');
  assert.match(readHtmlPage(page('', `<div class="hentry">${HEADLINE}<abbr class="published" title="2019-11-12T10:12:00">November 12</abbr>${STORY}</div>`)).published ?? '', /^2019-11-12/);
  assert.equal(readHtmlPage(page('', `<h1>Daily News</h1><div id="content">${HEADLINE}<div class="date">Nov 12, 2019</div>${STORY}</div>`)).published, '2019-11-12');
  // The masthead's date, outside the article and above it, is the day the page was visited.
  assert.equal(readHtmlPage(page('', `<div class="today">20 November 2019</div><article>${HEADLINE}${STORY}</article>`)).published, null);
});
