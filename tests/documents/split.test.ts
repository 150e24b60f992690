import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownToText } from '../../src/documents/markdown.ts';
import { pageToItems } from '../../src/documents/pages.ts';
import { splitPosts } from '../../src/documents/split.ts';

const para = (topic: string) =>
  `Officials in ${topic} said on Monday that the situation remained tense after a weekend of protests and road blocks across the region.`;

describe('splitPosts', () => {
  it('keeps a single article with subheadings as one post', () => {
    const text = [
      'Peru’s Congress Rejects Early Elections',
      '',
      para('Lima'),
      '',
      para('Congress'),
      '',
      'What Comes Next',
      '',
      para('Puno'),
      '',
      para('Cusco'),
      '',
      para('Arequipa'),
      '',
      'A Divided Country',
      '',
      para('Ayacucho'),
      '',
      para('Juliaca'),
      '',
      para('Tacna'),
    ].join('\n');
    const posts = splitPosts(text);
    assert.equal(posts.length, 1);
    assert.equal(posts[0]!.title, 'Peru’s Congress Rejects Early Elections');
    assert.match(posts[0]!.text, /What Comes Next/);
  });

  it('keeps a bylined article with subheadings as one post dated by its byline', () => {
    const text = [
      'Congress Rejects Early Elections',
      'By Ana Quispe | January 19, 2023',
      '',
      para('Lima'),
      '',
      'What comes next for the protests',
      '',
      para('Puno'),
      '',
      para('Cusco'),
      '',
      para('Arequipa'),
      '',
      'A divided country',
      '',
      para('Ayacucho'),
      '',
      para('Juliaca'),
      '',
      para('Tacna'),
    ].join('\n');
    const posts = splitPosts(text);
    assert.deepEqual(posts.map((p) => [p.title, p.published, p.byline]), [['Congress Rejects Early Elections', '2023-01-19', 'Ana Quispe']]);
    assert.match(posts[0]!.text, /A divided country/);
  });

  it('does not take a sentence-like short line for a headline', () => {
    const text = [para('Lima'), '', 'Again, as with Brazil, we see the whole region reject the coup', '', para('Puno')].join('\n');
    const posts = splitPosts(text);
    assert.equal(posts.length, 1);
    assert.equal(posts[0]!.title, null);
  });

  it('splits sentence-case teaser indexes only when the pattern is regular', () => {
    const text = ['Strike spreads to Cusco', '', para('Cusco'), '', 'Curfew declared in Puno', '', para('Puno'), '', 'Congress rejects early elections', '', para('Lima')].join('\n');
    assert.deepEqual(splitPosts(text).map((p) => p.title), ['Strike spreads to Cusco', 'Curfew declared in Puno', 'Congress rejects early elections']);
    assert.equal(splitPosts(text, { teasers: false }).length, 1);
  });

  it('dates a post from a "Publicado el" line under its headline, never from another post', () => {
    const text = [
      'Toque De Queda En Puno Tras Enfrentamientos',
      'Publicado el 10 de enero de 2023',
      '',
      'El gobierno decretó un toque de queda nocturno de tres días en Puno tras la muerte de diecisiete personas.',
      '',
      'Congreso Rechaza Adelantar Las Elecciones',
      '',
      'Los legisladores rechazaron la propuesta de adelantar las elecciones generales a 2023 tras cinco horas de debate.',
    ].join('\n');
    const posts = splitPosts(text);
    assert.deepEqual(posts.map((p) => [p.title, p.published]), [
      ['Toque De Queda En Puno Tras Enfrentamientos', '2023-01-10'],
      ['Congreso Rechaza Adelantar Las Elecciones', null],
    ]);
  });

  it('uses a trailer date only when the post has no byline date', () => {
    const text = ['Strike Spreads Across The South', '', para('Cusco'), '', 'January 11, 2023 Posted by | Solidarity | Leave a comment'].join('\n');
    const [post] = splitPosts(text);
    assert.equal(post!.published, '2023-01-11');
    assert.ok(!post!.text.includes('Posted by'));
  });
});

describe('publication dates of single articles', () => {
  const body = 'Los enfrentamientos entre manifestantes y la policía dejaron al menos cuatro heridos en el centro de la ciudad, informaron las autoridades.';
  it('finds the byline under a deck, and keeps the deck as text', () => {
    const text = ['Andes: Police Fired on Marchers', 'Inquiry Needed Into Deaths of at Least 12 People', '', 'Watchdog Group | June 2, 2022 | Lima', '', para('Lima')].join('\n');
    const [post] = splitPosts(text);
    assert.equal(post!.title, 'Andes: Police Fired on Marchers');
    assert.equal(post!.published, '2022-06-02');
    assert.equal(post!.outlet, 'Watchdog Group');
    assert.match(post!.text, /^Inquiry Needed Into Deaths of at Least 12 People/);
  });

  it('takes a date on its own line after the author line', () => {
    const text = ['Andes protests: a week of anger', 'By Tomas Reyes, Andes Weekly', '4 March 2022', '', para('Cusco')].join('\n');
    const [post] = splitPosts(text);
    assert.deepEqual([post!.title, post!.published, post!.byline, post!.outlet], ['Andes protests: a week of anger', '2022-03-04', 'Tomas Reyes', 'Andes Weekly']);
  });

  it('reads a numeric byline date day-first on a Spanish page', () => {
    const text = ['Cuatro heridos en la marcha del centro de Cusco', '', 'Radio Sur | Cusco | 07/03/2022 - 09:15', '', 'Por Lucía Paz', '', body].join('\n');
    const [post] = splitPosts(text);
    assert.deepEqual([post!.published, post!.outlet, post!.byline, post!.text], ['2022-03-07', 'Radio Sur', 'Lucía Paz', body]);
  });

  it('keeps a year-less wire dateline in the text and hands on its day, on its own line or opening the lead', () => {
    const own = splitPosts(['Cuatro heridos en la marcha del centro de Cusco', 'CUSCO, 7 mar (EFE).-', '', body].join('\n'))[0]!;
    assert.deepEqual([own.title, own.published, own.datelineDay], ['Cuatro heridos en la marcha del centro de Cusco', null, '--03-07']);
    assert.match(own.text, /^CUSCO, 7 mar \(EFE\)/);
    const lead = splitPosts(['Cuatro heridos en la marcha del centro de Cusco', '', `Cusco, 7 mar (EFE).- ${body}`].join('\n'))[0]!;
    assert.equal(lead.datelineDay, '--03-07');
    const signed = splitPosts(['Cuatro heridos en la marcha del centro de Cusco', 'CUSCO, 7 mar (Andina) — Por Lucía Paz, enviada especial', '', body].join('\n'))[0]!;
    assert.deepEqual([signed.byline, signed.datelineDay], ['Lucía Paz', '--03-07']);
    const dated = splitPosts(['Cuatro heridos en Cusco', 'Publicado el 8 de marzo de 2022', '', `CUSCO, 7 mar (EFE).- ${body}`].join('\n'))[0]!;
    assert.deepEqual([dated.published, dated.datelineDay], ['2022-03-08', null], 'the byline date wins');
  });

  it('dates an encyclopedia page by its last edit only when nothing else dates it', () => {
    const page = ['Andes protests', 'From the free encyclopedia', 'This page was last edited on 14 February 2023, at 08:05 (UTC).', '', para('Lima')];
    const [post] = splitPosts(page.join('\n'));
    assert.equal(post!.published, '2023-02-14');
    assert.ok(!post!.text.includes('last edited'));
    const bylined = splitPosts(['Andes protests: a week of anger', 'Published on 4 March 2022', '', para('Lima'), '', 'This page was last edited on 14 February 2023, at 08:05 (UTC).'].join('\n'))[0]!;
    assert.equal(bylined.published, '2022-03-04');
    const saved = splitPosts(['Andes protests', 'From the free encyclopedia | version of 1 June 2025', '', para('Lima')].join('\n'))[0]!;
    assert.equal(saved.published, '2025-06-01');
    assert.ok(!saved.text.includes('version of'), 'the header line is not prose');
  });
});

describe('Markdown pages', () => {
  const md = [
    '---',
    'title: Front matter title',
    'date: 2023-02-02',
    '---',
    '# Congress refuses early elections',
    '',
    'Peruvian **legislators** shot down a [proposal](https://example.org/p) to move up elections, with _just 53_ votes in support.',
    '',
    '![crowd](crowd.jpg)',
    '',
    '## The vote',
    '',
    '- 53 in favour',
    '- 87 needed',
  ].join('\n');

  it('strips markup lightly and keeps headings as lines', () => {
    const page = markdownToText(md);
    assert.equal(page.title, 'Front matter title');
    assert.equal(page.published, '2023-02-02');
    assert.equal(
      page.text,
      'Congress refuses early elections\n\nPeruvian legislators shot down a proposal to move up elections, with just 53 votes in support.\n\nThe vote\n\n• 53 in favour\n• 87 needed',
    );
  });

  it('becomes one item titled by its "# Title" when there is no front matter', () => {
    const items = pageToItems(md.split('\n').slice(4).join('\n'), { format: 'markdown', url: 'file:///notes/vote.md', fileName: 'vote.md' });
    assert.equal(items.length, 1);
    assert.equal(items[0]!.title, 'Congress refuses early elections');
    assert.equal(items[0]!.published, null);
    assert.match(items[0]!.text, /^Peruvian legislators shot down a proposal/);
  });
});
