import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHtmlPage } from '../../src/documents/html.ts';
import { detectLanguage } from '../../src/documents/language.ts';
import { pageToItems } from '../../src/documents/pages.ts';
import { splitPosts } from '../../src/documents/split.ts';

const p = (s: string) => `<p>${s}</p>`;

const NEWS = `<!doctype html><html lang="en"><head>
<title>Police fire tear gas at marchers in Lima | The Andean Post</title>
<meta property="og:site_name" content="The Andean Post">
<meta property="article:published_time" content="2023-01-19T14:30:00-05:00">
</head><body>
<a href="#main">Skip to content</a>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav></header>
<main id="main"><article>
<h1>Police fire tear gas at marchers in Lima</h1>
<p class="byline">By Ana Quispe</p>
${p('Thousands of protesters from the southern regions marched through central Lima on Thursday, demanding the resignation of President Dina Boluarte and early elections.')}
${p('Police fired tear gas near San Martín square as the crowd tried to reach Congress. Health officials said at least 12 people were injured in the clashes.')}
<figure><img src="x.jpg"><figcaption>Protesters in Lima. Photo: Reuters</figcaption></figure>
${p('The march, dubbed the "Taking of Lima", follows weeks of unrest in which dozens of people have died, most of them in the south of the country.')}
<div class="share">Share this: <a>Facebook</a> <a>Twitter</a> <a>WhatsApp</a></div>
</article>
<section id="comments"><h3>3 Comments</h3>
<div class="comment"><p>Great article, thanks for the reporting from the ground, keep it up please!</p><p>2 days ago</p><a>Reply</a></div>
</section></main>
<aside><h3>Most read</h3><ul><li><a>Other story</a> <time datetime="2022-05-01">May 1</time></li></ul></aside>
<footer><p>Sign up for our newsletter</p><p>© 2023 The Andean Post. All rights reserved.</p></footer>
</body></html>`;

const article = (title: string, date: string | null, body: string) =>
  `<article><h2><a href="/p">${title}</a></h2>${date ? `<time datetime="${date}">${date}</time>` : ''}
   <div class="entry">${p(body)}${p('Local organisations said the protests would continue until their demands were met by the government.')}</div>
   <footer>Posted in News | <a>Leave a comment</a></footer></article>`;

const BLOG = `<html><head><title>Andes Blog</title></head><body><nav>Home | News | About | Contact</nav>
${article('Strike spreads to Cusco and Puno', '2023-01-05', 'Transport workers joined the general strike on Thursday, blocking the main highways to Bolivia.')}
${article('Curfew declared in Puno after deadly clashes', '2023-01-10T22:00:00Z', 'The government declared a three-day night curfew in Puno after seventeen people died in Juliaca.')}
${article('Congress rejects early elections bill', null, 'Lawmakers voted down a proposal to bring general elections forward to 2023 after five hours of debate.')}
</body></html>`;

const SPANISH = `<html><head><title>Protestas en Perú</title></head><body><article>
<h1>Miles de manifestantes llegan a Lima</h1>
<p>Publicado el 19 de enero de 2023</p>
${p('Miles de manifestantes de las regiones del sur llegaron este jueves a Lima para exigir la renuncia de la presidenta Dina Boluarte y el adelanto de las elecciones generales.')}
${p('La policía lanzó gases lacrimógenos cerca de la plaza San Martín cuando los manifestantes intentaban llegar al Congreso. Al menos doce personas resultaron heridas.')}
<p>Lee también: Boluarte pide perdón por las muertes</p>
<p>Suscríbete a nuestro boletín</p>
<p>Compartir</p>
<h3>Comentarios</h3>
${p('Muy buen artículo, gracias por informar desde el terreno, sigan así por favor.')}
</article></body></html>`;

const UNDATED = `<html><head><title>Why the south is marching</title></head><body><main>
<h1>Why the south is marching</h1>
${p('For decades the southern Andean regions have felt ignored by governments in Lima, and the removal of Pedro Castillo, a rural teacher, became a symbol of that exclusion.')}
${p('Protest leaders in Puno say they will keep the roads blocked until Congress sets a date for new elections, in spite of the state of emergency declared in December.')}
${p('Economists warn that the blockades are costing the region millions of soles a day, with tourism to Cusco and Machu Picchu almost at a standstill.')}
</main></body></html>`;

describe('readHtmlPage', () => {
  it('finds the article, its title, site name and the published_time meta', () => {
    const page = readHtmlPage(NEWS, 'https://andeanpost.example/lima');
    assert.equal(page.title, 'Police fire tear gas at marchers in Lima');
    assert.equal(page.siteName, 'The Andean Post');
    assert.equal(page.byline, 'Ana Quispe');
    assert.equal(page.published, '2023-01-19T14:30:00-05:00');
    assert.match(page.text, /Health officials said at least 12 people were injured/);
    assert.match(page.text, /\n\n/, 'paragraph breaks kept');
  });

  it('reads JSON-LD and <time> dates when there is no meta tag', () => {
    const ld = `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Ayacucho mourns","datePublished":"2022-12-16"}]}</script></head><body><article><h1>Ayacucho mourns</h1>${p('Families buried the people killed by soldiers in Ayacucho on Thursday as the city observed a day of mourning for the victims.'.repeat(2))}</article></body></html>`;
    assert.equal(readHtmlPage(ld).published, '2022-12-16');
    const time = `<html><body><article><h1>Ayacucho mourns</h1><time datetime="2022-12-17T10:00:00Z">Dec 17</time>${p('Families buried the people killed by soldiers in Ayacucho on Thursday as the city observed a day of mourning for the victims.'.repeat(2))}</article></body></html>`;
    assert.equal(readHtmlPage(time).published, '2022-12-17T10:00:00.000Z');
  });

  it('falls back to the body text when Readability finds no article', () => {
    const page = readHtmlPage('<html><body><nav>Home | World | Politics | Sports</nav><div>Roadblocks remain on 45 highways.</div></body></html>');
    assert.equal(page.source, 'body');
    assert.equal(page.text, 'Roadblocks remain on 45 highways.');
  });

  it('keeps one post per <article> on a multi-post page', () => {
    const page = readHtmlPage(BLOG);
    assert.equal(page.posts?.length, 3);
    assert.deepEqual(page.posts?.map((x) => x.title), ['Strike spreads to Cusco and Puno', 'Curfew declared in Puno after deadly clashes', 'Congress rejects early elections bill']);
    // The text keeps the boundaries too, for callers that only have the text.
    assert.deepEqual(splitPosts(page.text).map((x) => [x.title, x.published]), [
      ['Strike spreads to Cusco and Puno', '2023-01-05'],
      ['Curfew declared in Puno after deadly clashes', '2023-01-10T22:00:00.000Z'],
      ['Congress rejects early elections bill', null],
    ]);
  });
});

describe('pageToItems on HTML', () => {
  it('turns a news article with furniture and comments into one clean dated item', () => {
    const items = pageToItems(NEWS, { format: 'html', url: 'https://andeanpost.example/lima' });
    assert.equal(items.length, 1);
    const [item] = items;
    assert.equal(item!.key, 'https://andeanpost.example/lima');
    assert.equal(item!.url, 'https://andeanpost.example/lima');
    assert.equal(item!.title, 'Police fire tear gas at marchers in Lima');
    assert.equal(item!.published, '2023-01-19T14:30:00-05:00');
    assert.equal(item!.outlet, 'The Andean Post');
    assert.match(item!.text, /^Thousands of protesters from the southern regions/);
    assert.match(item!.text, /most of them in the south of the country\.$/);
    for (const junk of ['Skip to content', 'Home', 'By Ana Quispe', 'Share this', 'Facebook', 'Photo: Reuters', '3 Comments', 'Great article', 'Reply', 'newsletter', 'All rights reserved', 'Most read']) {
      assert.ok(!item!.text.includes(junk), `still has "${junk}"`);
    }
  });

  it('gives three items for three <article> posts, each with its own date or none', () => {
    const items = pageToItems(BLOG, { format: 'html', url: 'https://blog.example/' });
    assert.equal(items.length, 3);
    assert.deepEqual(items.map((i) => i.key), ['https://blog.example/#0', 'https://blog.example/#1', 'https://blog.example/#2']);
    assert.ok(items.every((i) => i.url === 'https://blog.example/'));
    assert.deepEqual(items.map((i) => i.published), ['2023-01-05', '2023-01-10T22:00:00.000Z', null]);
    assert.match(items[2]!.text, /^Lawmakers voted down a proposal/);
    assert.ok(items.every((i) => !/Leave a comment|Posted in/.test(i.text)));
  });

  it('reads a Spanish article: language, "Publicado el" date, Spanish furniture removed', () => {
    const [item, ...rest] = pageToItems(SPANISH, { format: 'html', url: 'https://diario.example/lima' });
    assert.equal(rest.length, 0);
    assert.equal(item!.title, 'Miles de manifestantes llegan a Lima');
    assert.equal(item!.published, '2023-01-19');
    assert.equal(detectLanguage(item!.text), 'es');
    assert.match(item!.text, /Al menos doce personas resultaron heridas\.$/);
    for (const junk of ['Lee también', 'Suscríbete', 'Compartir', 'Comentarios', 'Muy buen artículo', 'Publicado']) {
      assert.ok(!item!.text.includes(junk), `still has "${junk}"`);
    }
  });

  it('leaves published null when the page gives no date', () => {
    const items = pageToItems(UNDATED, { format: 'html', url: 'https://x.example/south' });
    assert.equal(items.length, 1);
    assert.equal(items[0]!.published, null);
    assert.equal(items[0]!.title, 'Why the south is marching');
    assert.match(items[0]!.text, /state of emergency declared in December/, 'a date in the story is not the publication date');
  });
});

describe('pages of linked headlines', () => {
  const teaser = (title: string, date: string | null, body: string) =>
    `<div class="post"><h2 class="entry-title"><a href="/${title.length}">${title}</a></h2>${date ? `<span class="date">${date}</span>` : ''}${p(body)}${p('Local organisations said the protests would continue until their demands were met by the government.')}</div>`;

  it('splits an index of posts wrapped in <div>s, each with its own date line or none', () => {
    const html = `<html><head><title>Peru Solidarity</title></head><body><header><h1>Peru Solidarity</h1></header><div id="content">
      ${teaser('Strike spreads to Cusco and Puno', 'January 5, 2023', 'Transport workers joined the general strike on Thursday, blocking the main highways to Bolivia.')}
      ${teaser('Curfew declared in Puno after deadly clashes', 'January 10, 2023', 'The government declared a three-day night curfew in Puno after seventeen people died in Juliaca.')}
      ${teaser('Congress rejects early elections bill', null, 'Lawmakers voted down a proposal to bring general elections forward to 2023 after five hours of debate.')}
    </div></body></html>`;
    const items = pageToItems(html, { format: 'html', url: 'https://solidarity.example/' });
    assert.deepEqual(items.map((i) => [i.title, i.published]), [
      ['Strike spreads to Cusco and Puno', '2023-01-05'],
      ['Curfew declared in Puno after deadly clashes', '2023-01-10'],
      ['Congress rejects early elections bill', null],
    ]);
    assert.equal(items.length, 3);
    assert.match(items[1]!.text, /^The government declared a three-day night curfew/);
  });

  it('splits h2-separated posts that are siblings in one container', () => {
    const section = (title: string, body: string) => `<h2><a href="/${title.length}">${title}</a></h2>${p(body)}${p('Organisers said more people were expected to join the protests in the coming days across the south.')}`;
    const html = `<html><body><main>${section('Roadblocks in Puno', 'Protesters blocked the road to Desaguadero for a third day on Monday.')}${section('March on Lima announced', 'Unions announced a national march on Lima for the nineteenth of July.')}</main></body></html>`;
    const items = pageToItems(html, { format: 'html', url: 'https://x.example/' });
    assert.deepEqual(items.map((i) => i.title), ['Roadblocks in Puno', 'March on Lima announced']);
    assert.ok(items.every((i) => i.published === null));
  });

  it('keeps a single article with a "Related stories" list as one post', () => {
    const related = ['Boluarte apologizes', 'Curfew in Puno', 'Strike continues'].map((t) => `<h3><a href="/r/${t.length}">${t}</a></h3><p>Short teaser text for a related story.</p>`).join('');
    const html = `<html><head><meta property="article:published_time" content="2023-01-19"></head><body><article><h1>Why the south is marching</h1>
      ${p('For decades the southern Andean regions have felt ignored by governments in Lima, and the removal of Pedro Castillo, a rural teacher, became a symbol of that exclusion.')}
      ${p('Protest leaders in Puno say they will keep the roads blocked until Congress sets a date for new elections, in spite of the state of emergency declared in December.')}
      ${p('Economists warn that the blockades are costing the region millions of soles a day, with tourism to Cusco and Machu Picchu almost at a standstill.')}
      </article><section class="more">${related}</section></body></html>`;
    const items = pageToItems(html, { format: 'html', url: 'https://x.example/south' });
    assert.equal(items.length, 1);
    assert.equal(items[0]!.title, 'Why the south is marching');
    assert.equal(items[0]!.published, '2023-01-19');
  });
});
