import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeFeed, parseFeed } from '../../src/sources/feed.ts';
import { parseDate } from '../../src/sources/feed-dates.ts';
import { SourceError } from '../../src/core/errors.ts';

const rss = (items: string, attrs = ' version="2.0"') => `<?xml version="1.0"?>\n<rss${attrs}><channel><title>T</title><link>http://example.com/</link>${items}</channel></rss>`;

async function rejectsWith(text: string, pattern: RegExp): Promise<void> {
  await assert.rejects(parseFeed(text), (error: unknown) => {
    assert.ok(error instanceof SourceError, String(error));
    assert.match(error.message, pattern);
    return true;
  });
}

test('looksLikeFeed sniffs the root after BOM, declaration, comments and doctype', () => {
  assert.equal(looksLikeFeed('\uFEFF<?xml version="1.0"?>\n<!-- hi --><!DOCTYPE rss SYSTEM "x.dtd">\n<rss version="2.0">'), true);
  assert.equal(looksLikeFeed('<feed xmlns="http://www.w3.org/2005/Atom">'), true);
  assert.equal(looksLikeFeed('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'), true);
  assert.equal(looksLikeFeed('<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml"></head>'), false);
  assert.equal(looksLikeFeed('<rssfeed>'), false);
  assert.equal(looksLikeFeed(''), false);
});

test('a well-formed RSS 2.0 item: fields, content:encoded before description, dates as ISO', async () => {
  const feed = await parseFeed(
    rss(`<item><title>  A  &amp;amp; B &lt;script>alert(1)&lt;/script> </title><link>/a</link><guid isPermaLink="false">g1</guid>
      <description>short</description><content:encoded><![CDATA[<p>long <a href="/x">x</a></p>]]></content:encoded>
      <pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><dc:creator>Ann</dc:creator></item>`,
      ' version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"'),
    { url: 'http://example.com/feed.xml' },
  );
  assert.equal(feed.format, 'rss');
  assert.equal(feed.repaired, false);
  assert.deepEqual(feed.items, [
    {
      guid: 'g1',
      link: 'http://example.com/a',
      title: 'A & B',
      published: '2004-01-01T19:48:21.000Z',
      html: '<p>long <a href="http://example.com/x">x</a></p>',
      author: 'Ann',
    },
  ]);
});

test('RSS without a version and RSS 1.0 items outside a channel are read', async () => {
  assert.equal((await parseFeed(rss('<item><title>x</title></item>', ''))).items[0]?.title, 'x');
  const rdf = await parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
    <item rdf:about="http://e.com/1"><title>one</title><link>http://e.com/1</link></item><item rdf:about="http://e.com/2"><title>two</title></item></rdf:RDF>`);
  assert.equal(rdf.format, 'rdf');
  assert.deepEqual(rdf.items.map((i) => [i.title, i.guid]), [['one', 'http://e.com/1'], ['two', 'http://e.com/2']]);
});

test('Atom: xhtml titles come out as strings, xml:base resolves links', async () => {
  const feed = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/">
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">The <b>Blog</b></div></title>
    <entry xml:base="2024/"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">History of the <b>blink</b> tag</div></title>
      <link rel="alternate" href="post.html"/><id>urn:1</id><updated>2024-05-01T10:00:00+02:00</updated>
      <author><name>Bo</name></author><summary type="html">&lt;p&gt;s&lt;/p&gt;</summary></entry></feed>`);
  assert.equal(feed.format, 'atom');
  assert.equal(feed.title, 'The Blog');
  const [item] = feed.items;
  assert.equal(item?.title, 'History of the blink tag');
  assert.equal(item?.link, 'http://example.org/blog/2024/post.html');
  assert.equal(item?.published, '2024-05-01T08:00:00.000Z');
  assert.equal(item?.author, 'Bo');
  assert.equal(item?.html, '<p>s</p>');
});

test('ill-formed XML is repaired: HTML entities, bare &, truncation', async () => {
  const entities = await parseFeed(rss('<item><title>caf&eacute; &mdash; R&D &nbsp;</title></item>'));
  assert.equal(entities.repaired, true);
  assert.equal(entities.items[0]?.title, 'café — R&D');

  // Atom text titles are not HTML: only the repair turns &eacute; into é there.
  const atom = await parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>caf&eacute; R&D</title></entry></feed>');
  assert.equal(atom.repaired, true);
  assert.equal(atom.items[0]?.title, 'café R&D');

  const truncated = await parseFeed('<rss version="2.0"><channel><title>T</title><item><title>one</title></item><item><title>tw');
  assert.equal(truncated.repaired, true);
  assert.deepEqual(truncated.items.map((i) => i.title), ['one', 'tw']);
});

test('dates: RFC 822, ISO 8601 and odd formats; nonsense is null, not invented', () => {
  assert.equal(parseDate('Tue, 01 Oct 2019 14:30:00 PST'), '2019-10-01T22:30:00.000Z');
  assert.equal(parseDate('2003-12-31T10:14:55.1234Z'), '2003-12-31T10:14:55.123Z');
  assert.equal(parseDate('2004-07-08 23:56:58.0'), '2004-07-08T23:56:58.000Z');
  assert.equal(parseDate('Fri, 2006/09/15 08:19:53 EDT'), '2006-09-15T12:19:53.000Z');
  assert.equal(parseDate('2004년 05월 28일  01:31:15'), '2004-05-27T16:31:15.000Z');
  assert.equal(parseDate('2003-12-31T25:14:55Z'), null);
  assert.equal(parseDate('2003-02-30'), null);
  assert.equal(parseDate('garbage 12'), null);
  assert.equal(parseDate(''), null);
});

test('unreadable input is a SourceError with a reason a person can act on', async () => {
  await rejectsWith('<!DOCTYPE html><html><body>Hello</body></html>', /^not a feed: no <rss>, <feed> or <rdf:RDF> root$/);
  await rejectsWith('', /^not a feed/);
  await rejectsWith('<rss version="2.0">\n<channel>\n</rss', /^malformed XML at line 3: /);
  await rejectsWith('<rss version="2.0">\n\n<channel></chanel>\n</rss>', /^malformed XML at line 3: unexpected close tag$/);
});
