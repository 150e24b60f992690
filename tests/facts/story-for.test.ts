// Which followed story a report belongs to, when several stories share generic words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateArticle } from '../../bench/generate.ts';
import { loadStories, storyFor } from '../../src/facts/story.ts';
import type { Story } from '../../src/facts/types.ts';

const stories = loadStories(new URL('../../config/stories', import.meta.url).pathname) as unknown as Story[];
const byId = (id: string) => stories.find((s) => s.id === id)!;

test('a story with a long list of generic words does not take another story\'s report', () => {
  // written for this test: Colombian names and places, and words every protest story lists
  const report = {
    title: 'Mindefensa reconoce 20 muertos en las protestas',
    text: 'El Ministerio de Defensa de Colombia reconoce 20 muertos en las protestas del paro nacional, mientras la Defensoría del Pueblo '
      + 'eleva la cifra en Cali y Bogotá. Los manifestantes mantienen los bloqueos y hubo nuevos enfrentamientos con el Esmad.',
  };
  // (two Colombian stories are followed, and the report names neither year: either is a fair answer, Bolivia's is not)
  assert.match(storyFor(report, stories)?.id ?? '', /^colombia-/);
  assert.equal(storyFor(report, [byId('bolivia-2019')])?.id, 'bolivia-2019', 'alone, a story still takes what names its words');
});

test('two stories of one country found by the same places and none of their names: generic words do not decide, the later story wins', () => {
  // The bench's generated reports name Peruvian towns and generic protest words, and no name of either Peruvian story
  // (Bagua 2009 lists more generic words than the 2022 crisis does: their shares had taken 976 of 1,000 such reports).
  for (let index = 0; index < 40; index++) {
    const article = generateArticle(index, 40);
    const report = { title: article.title, text: article.text, published: new Date(article.published).toISOString() };
    assert.equal(storyFor(report, stories)?.id, 'peru-crisis', article.title);
  }
  // (a name of the older story still takes a report)
  const article = generateArticle(0, 40);
  assert.equal(storyFor({ title: article.title, text: `${article.text} Some recalled the Curva del Diablo.`, published: '2016-06-05' }, stories)?.id, 'bagua-2009');
});

test('a report naming none of a story\'s words belongs to none', () => {
  assert.equal(storyFor({ title: 'Weather', text: 'Sunny spells and light winds are expected tomorrow.' }, stories), null);
});

test('one topic word alone ("fuel prices") claims no report; a name ("Quito") does', () => {
  const norway = { title: 'Farmers block roads over fuel prices', text: 'Four people were injured when farmers blocked roads over fuel prices, police said.' };
  assert.equal(storyFor(norway, stories), null);
  // (with no year named, a tie between Ecuador's two stories goes to the one that began later)
  assert.equal(storyFor({ ...norway, text: `${norway.text} The protests reached Quito on Tuesday.` }, stories)?.id, 'ecuador-2022');
});

test('a name three followed stories share ("Venezuela") still makes a report theirs, with or without other stories followed', () => {
  // written for this test: a rights group's statement naming the country and generic protest words, no year, no place
  const report = {
    title: 'Rights group warns of a spiral of violence',
    text: 'Thirty people have been killed so far and hundreds injured, the group said, calling on all parties in Venezuela to respect '
      + 'human rights as protesters and security forces clash again.',
    published: '2014-04-01',
  };
  const venezuelan = stories.filter((s) => s.id.startsWith('venezuela-'));
  assert.equal(venezuelan.length, 3);
  assert.equal(storyFor(report, venezuelan)?.id, 'venezuela-2014', 'the Venezuelan story that had begun by then');
  assert.equal(storyFor(report, stories)?.id, 'venezuela-2014');
});

test('two stories in one country: the year the text names most, and a story cannot begin after the report', () => {
  // written for this test: words both Iranian stories list
  const report = {
    title: 'UN rights office alarmed by rising toll in Iran',
    text: 'The UN human rights office said on 22 November 2022 that security forces in Iran had killed more than 300 people, '
      + 'including children, and that thousands of protesters had been arrested in Tehran, Zahedan and Kurdish cities.',
  };
  assert.equal(storyFor(report, stories)?.id, 'iran-2022');
  // words the 2022 story lists, in a report published in 2019: undated, it would go to the 2022 story
  const earlier = { title: 'Iran protests', text: 'Rights groups said security forces in Iran had killed more than 100 protesters in the crackdown on the morality police protests in Zahedan and Saqqez.' };
  assert.equal(storyFor(earlier, stories)?.id, 'iran-2022');
  assert.equal(storyFor({ ...earlier, published: '2019-11-20' }, stories)?.id, 'iran-2019', 'the 2022 story had not begun');
});

test('two stories in one country: the first day of one, named without a year ("desde el 12 de febrero"), tells them apart', () => {
  // written for this test: a Venezuelan prosecutor's count that names the day the 2014 protests began, not the year;
  // the 2017 story lists more of its words (the prosecutor, the Ministerio Público), which must not outweigh that day
  const report = {
    title: 'La Fiscalía eleva a 30 los muertos en las protestas',
    text: 'CARACAS, 20 Mar. (EP) - La fiscal general, Luisa Ortega Díaz, informó este jueves de que 30 personas han muerto en las '
      + 'manifestaciones que comenzaron el pasado 12 de febrero. El Ministerio Público investiga las muertes ocurridas en Caracas, '
      + 'Táchira, Mérida y Carabobo, y mantiene 150 detenidos.',
  };
  assert.equal(storyFor(report, stories)?.id, 'venezuela-2014');
  assert.equal(storyFor({ ...report, text: report.text.replace('el pasado 12 de febrero', 'a comienzos de abril') }, stories)?.id, 'venezuela-2017');
});

test('another country\'s report is not taken by a story whose first day it names or whose initials are a common word', () => {
  // written for this test after La Voz de Galicia's report on Daniel Chapo's inauguration (16 January 2025): Mozambique's
  // words, the day its hardest repression fell on (21 October, the day Bolivia's 2019 crisis began) and Spanish "más"
  // (Bolivia's party MAS, folded);
  // https://lavozdegalicia.es/noticia/internacional/2025/01/15/mozambique-inviste-daniel-chapo-violentas-protestas-reconocimiento-oposicion/00031736968816548382228.htm
  const report = {
    title: 'Chapo jura el cargo en un Mozambique blindado',
    text: 'Con la capital tomada por la policía, Daniel Chapo asumió este miércoles la presidencia de Mozambique. Las ONG elevan a más '
      + 'de 300 los muertos de la represión desde las elecciones, con su peor jornada el 21 de octubre. Mondlane denuncia fraude.',
    published: '2025-01-16',
  };
  assert.equal(storyFor(report, stories)?.id, 'mozambique-2024');
  const bolivia = byId('bolivia-2019');
  assert.equal(storyFor({ title: null, text: 'Hubo más muertos y más heridos de lo que se dijo.' }, [bolivia]), null, '"más" is not the MAS');
  assert.equal(storyFor({ title: null, text: 'El MAS convocó a sus bases.' }, [bolivia])?.id, 'bolivia-2019');
});

test('asked about one story, a report is its own whether its words come in the lead, after 3,000 characters or as a place', () => {
  const bolivia = [byId('bolivia-2019')];
  const filler = 'Markets opened late and the weather stayed dry across the region for another day. '.repeat(60);
  assert.equal(storyFor({ title: 'Update', text: `${filler}Protesters marched again in Senkata.` }, bolivia)?.id, 'bolivia-2019', 'a word after the lead');
  assert.equal(storyFor({ title: 'Update', text: `Protesters marched again in Senkata. ${filler}` }, bolivia)?.id, 'bolivia-2019', 'a word in the lead');
  assert.equal(storyFor({ title: 'Update', text: filler }, bolivia), null, 'no word of it');
  assert.equal(storyFor({ title: 'Update', text: `Roads were closed near Caranavi on Tuesday. ${filler}` }, bolivia)?.id, 'bolivia-2019', 'a place of it');
  // (a word cut at the lead's end is no word: "Senkatazo", its first seven letters at characters 2,993–2,999, does not
  // name Senkata, as a keyword or as a place)
  const cut = `${'x'.repeat(2992)} Senkatazo rally ${filler}`;
  assert.equal(storyFor({ title: null, text: cut }, bolivia), null);
  assert.equal(storyFor({ title: null, text: cut }, stories), null);
});
