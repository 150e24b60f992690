import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pageToItems } from '../../src/documents/pages.ts';
import { splitPosts } from '../../src/documents/split.ts';

const SEEDS = new URL('../fixtures/seeds/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, SEEDS), 'utf8');
const items = (name: string) => pageToItems(read(name), { format: 'text', url: `file:///seeds/${name}`, fileName: name });
const allText = (name: string) => splitPosts(read(name)).map((p) => p.text).join('\n\n');

describe('seed 000: blog post, a teaser, then a comment thread', () => {
  const posts = items('000_8de915bae9b9b824.txt');

  it('becomes the undated first post and the teaser, without the comment thread', () => {
    assert.equal(posts.length, 2);
    assert.equal(posts[0]!.title, '000_8de915bae9b9b824', 'no headline: the file name stands in');
    assert.equal(posts[1]!.title, 'The Military Shot to Kill in Ayacucho: Forensic Anthropologists');
    assert.deepEqual(posts.map((p) => p.published), [null, null]);
    assert.deepEqual(posts.map((p) => p.key), ['file:///seeds/000_8de915bae9b9b824.txt#0', 'file:///seeds/000_8de915bae9b9b824.txt#1']);
  });

  it('keeps the story and drops comments, labels and captions', () => {
    const text = posts.map((p) => p.text).join('\n');
    assert.match(text, /The latest numbers are that 48 protestors/);
    assert.match(text, /They’ve killed 46 protesters in that time\./);
    assert.match(text, /six people died as a result of shots to the chest/);
    for (const junk of ['Inline Feedbacks', 'View all comments', '23 days ago', 'Reply to', 'Read more', 'Karaganov', 'Global South', 'Cover image']) {
      assert.ok(!text.includes(junk), `still has "${junk}"`);
    }
  });
});

describe('seeds 001 and 002: teaser index pages', () => {
  it('001 gives one post per headline + teaser, banners gone', () => {
    const posts = items('001_4a60e4f62b68f44e.txt');
    assert.equal(posts.length, 15);
    assert.equal(posts[0]!.title, 'Most Important Stories Of 2023: Gaza, Ukraine, China, BRICS, Dedollarization, Bank Crises, Inflation');
    assert.equal(posts[1]!.title, 'Protests Mark One Year Anniversary Of Coup Regime In Peru');
    assert.match(posts[1]!.text, /^December 7, 2023, marks the one-year anniversary/);
    assert.equal(posts[13]!.title, '‘I Will Stay Until 2026’: Boluarte Rejects Early Elections');
    assert.equal(posts[14]!.title, 'New Wave Of Protests Begin As US Troops Enter Perú');
    assert.match(posts[14]!.text, /the people have not stopped making their voices heard\.$/);
    assert.ok(posts.every((p) => p.published === null), 'an index page gives no dates');
    const text = posts.map((p) => `${p.title}\n${p.text}`).join('\n');
    for (const junk of ['Skip to content', 'Sign Up To Our Daily Digest', 'daily email digest']) assert.ok(!text.includes(junk), junk);
  });

  it('002 gives 15 teasers and drops the fundraising banners', () => {
    const posts = items('002_4808b8058ece4596.txt');
    assert.equal(posts.length, 15);
    assert.equal(posts[0]!.title, '‘They Shot Them Down Like Animals’: Massacre In Peru’s Ayacucho');
    assert.equal(posts[2]!.title, 'Perú’s Dictatorship Shows True Colours');
    assert.match(posts[2]!.text, /almost 30 deaths in less than three weeks/);
    assert.equal(posts[14]!.title, 'The US Egged On The Coup In Peru');
    const text = posts.map((p) => `${p.title}\n${p.text}`).join('\n');
    for (const junk of ['Urgent End Of Year Fundraising Campaign', 'Online donations are back', 'Keep independent media alive', 'fiscal sponsor', 'Sign Up To Our Daily Digest']) {
      assert.ok(!text.includes(junk), junk);
    }
    assert.ok(!posts.some((p) => p.title === 'Peru'), 'the section label is not a post');
  });
});

describe('seed 003: blog of reposted articles with bylines', () => {
  const posts = items('003_a8d5d5fd07ea67f5.txt');
  const expected: [string, string, string | null][] = [
    ['Why Are US Military Personnel Heading to Peru?', '2023-05-26', 'naked capitalism'],
    ['Indigenous Rebellion Continues as Post-Coup Peruvian Government Flounders', '2023-03-10', 'COUNTERPUNCH'],
    ['Peru’s Congress Refuses Early Elections, Heightening Tensions as Protests Rage', '2023-02-02', 'Sputnik'],
    ['State of emergency declared in Peru amid deadly protests', '2023-01-15', 'RT'],
    ['Genocide Investigation Launched Against Peruvian Authorities Following Massacre', '2023-01-11', 'Samizdat'],
    ['Peru: General Strike Continues Despite Repression', '2023-01-09', 'Kawsachun News'],
    ['Peru Mourns ‘Massacre’ of 17 as Calls Grow for US-Backed ‘Coup Regime’ to Step Down', '2023-01-10', 'Samizdat'],
    ['25 Peruvians Murdered in a Week of Intense Repression', '2022-12-19', 'teleSUR'],
    ['Peru To Withdraw From the US-Controlled Lima Group', '2021-08-06', 'teleSUR'],
    ['Peruvian president wins impeachment process, but opposition grows', '2020-09-28', null],
  ];

  it('splits into its ten posts with headline, byline date (not the repost date) and outlet', () => {
    assert.deepEqual(
      posts.map((p) => [p.title, p.published, p.outlet]),
      expected,
    );
  });

  it('reads authors from the byline', () => {
    const bylines = splitPosts(read('003_a8d5d5fd07ea67f5.txt')).map((p) => p.byline);
    assert.deepEqual(bylines, ['Nick Corbishley', 'W. T. Whitney', 'Wyatt Reed', null, 'Wyatt Reed', null, null, null, null, 'Lucas Leiroz']);
  });

  it('keeps subheadings inside their post and strips bylines, trailers, captions', () => {
    const first = posts[0]!.text;
    assert.match(first, /Brutal Crackdown on Protests/);
    assert.match(first, /approximately 70 people/);
    assert.match(first, /rather China and Russia\.$/);
    assert.match(posts[7]!.text, /^On Sunday, Peru’s Health Ministry acknowledged that 25 people have died/);
    const text = posts.map((p) => p.text).join('\n');
    for (const junk of ['Posted by', 'Leave a comment', 'Video link', 'Photo: Twitter', 'teleSUR | December', 'Aletho News', 'ΑΛΗΘΩΣ']) {
      assert.ok(!text.includes(junk), junk);
    }
    assert.match(text, /with 19 protesters having been killed on January 9 in Juliaca/);
    assert.match(text, /By March 1, residents of provinces/, 'a sentence starting with "By" is story, not a byline');
  });
});

describe('seed 004: blog post with votes and a comment thread', () => {
  it('is one post ending where the votes and comments begin', () => {
    const posts = items('004_229222d99bb9546f.txt');
    assert.equal(posts.length, 1);
    assert.equal(posts[0]!.title, 'The poor in Peru won\'t back down in face of bloody crackdown');
    assert.equal(posts[0]!.published, null);
    assert.equal(posts[0]!.key, 'file:///seeds/004_229222d99bb9546f.txt');
    const text = posts[0]!.text;
    assert.match(text, /Despite more than 55 people killed by security forces/);
    assert.match(text, /This won't end soon\.$/);
    for (const junk of ['users have voted', "Cassiodorus's picture", 'Guillermo Lasso', 'Peru has copper', 'Miko Peled']) {
      assert.ok(!text.includes(junk), junk);
    }
  });
});

describe('all seeds', () => {
  it('keep paragraph breaks as single blank lines and no stray whitespace', () => {
    for (const name of ['000_8de915bae9b9b824.txt', '003_a8d5d5fd07ea67f5.txt', '004_229222d99bb9546f.txt']) {
      const text = allText(name);
      assert.ok(!/\n{3,}/.test(text), name);
      assert.ok(!/ {2,}|^ | $/m.test(text), name);
      assert.ok(text.includes('\n\n'), name);
    }
  });
});
