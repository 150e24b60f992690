import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadStories } from '../../src/facts/story.ts';
import { ANSWER_JSON_SCHEMA, parseModelAnswer, type ModelAnswer, type ModelFigure } from '../../src/facts/model/answer.ts';
import { EXTRACTION_INSTRUCTIONS } from '../../src/facts/model/instructions.ts';
import { locateQuote, mergeModelFacts } from '../../src/facts/model/verify.ts';
import { factsOf } from '../../src/facts/extract.ts';
import type { FactInput } from '../../src/facts/types.ts';

const stories = loadStories(join(import.meta.dirname, '../../config/stories'));
const peru = stories.find((s) => s.id === 'peru-crisis')!;

// A report composed for the tests.
const DOC: FactInput = {
  title: null,
  published: '2023-01-11T15:00:00Z',
  language: 'en',
  text: [
    'LIMA, Peru — Protests against President Dina Boluarte continued in southern Peru on Wednesday.',
    'Relatives buried the 17 victims of the massacre in Juliaca on Monday, local media reported.',
    "The Ombudsman's Office said 47 people have died since the protests began on December 7, and 23 police officers were hurt on January 9 in Puno.",
    'By January 10 the first coffins were in the cathedral of Juliaca.',
  ].join('\n'),
};
const VICTIMS = 'Relatives buried the 17 victims of the massacre in Juliaca on Monday';
const OMBUDSMAN = "The Ombudsman's Office said 47 people have died since the protests began on December 7, and 23 police officers were hurt on January 9 in Puno.";

const figure = (over: Partial<ModelFigure>): ModelFigure => ({
  quote: VICTIMS,
  value: 17,
  kind: 'deaths',
  qualifier: 'exact',
  scope: 'incident',
  as_of: '2023-01-09',
  location: 'Juliaca',
  attribution: 'local media',
  ...over,
});
const answer = (figures: ModelFigure[], events: ModelAnswer['events'] = []): ModelAnswer => ({ figures, events, invalid: [] });
const rules = () => factsOf(DOC, stories);
const merge = (a: ModelAnswer, doc = DOC) => {
  const r = factsOf(doc, stories);
  return mergeModelFacts(doc, peru, { figures: r.figures, events: r.events }, a);
};

test('a correct figure the rules miss is added, quoted as the document writes the sentence', () => {
  assert.ok(!rules().figures.some((f) => f.value === 17), 'precondition: the rules miss "the 17 victims of the massacre"');
  const merged = merge(answer([figure({})]));
  assert.equal(merged.added.figures, 1);
  assert.deepEqual(merged.rejected, []);
  const added = merged.figures.find((f) => f.value === 17)!;
  assert.equal(added.kind, 'deaths');
  assert.equal(added.scope, 'incident');
  assert.equal(added.asOf, '2023-01-09');
  assert.equal(added.location, 'Juliaca');
  assert.equal(added.region, 'Puno');
  assert.equal(added.quote, 'Relatives buried the 17 victims of the massacre in Juliaca on Monday, local media reported.');
  assert.equal(merged.figures.length, rules().figures.length + 1, 'the rules’ figures are all kept');
});

test('a wrong number, an invented quote, a date not in the text, a period start and a missing kind word are rejected', () => {
  const cases: [string, ModelFigure, RegExp][] = [
    ['wrong number', figure({ value: 18 }), /18 is not written in the quote/],
    ['number in a date', figure({ quote: OMBUDSMAN, value: 9, kind: 'injured', scope: 'incident', as_of: '2023-01-09' }), /9 is not written/],
    ['invented quote', figure({ quote: 'Police said 30 protesters were arrested in Juliaca on Monday.', value: 30, kind: 'detained' }), /quote is not in the document/],
    ['paraphrased quote', figure({ quote: 'Relatives buried seventeen victims of the massacre in Juliaca' }), /quote is not in the document/],
    ['date not in the text', figure({ as_of: '2023-01-05' }), /not a date the text gives/],
    ['date after publication', figure({ as_of: '2023-01-20' }), /after publication/],
    ['period start', figure({ quote: OMBUDSMAN, value: 47, scope: 'cumulative', as_of: '2022-12-07', location: null }), /where a period starts/],
    ['kind not in the quote', figure({ kind: 'detained' }), /does not say detained/],
  ];
  for (const [name, candidate, reason] of cases) {
    const merged = merge(answer([candidate]));
    assert.equal(merged.added.figures, 0, name);
    assert.equal(merged.rejected.length, 1, name);
    assert.match(merged.rejected[0]!.reason, reason, name);
    assert.equal(merged.figures.length, rules().figures.length, name);
  }
});

test('the rules are not contradicted: a subset stays out of the running toll; the rules’ reading of a figure wins', () => {
  const injured = rules().figures.find((f) => f.value === 23)!;
  assert.equal(injured.scope, 'subset', 'precondition: the rules call the 23 police officers a subset');
  const cumulative = merge(answer([figure({ quote: OMBUDSMAN, value: 23, kind: 'injured', scope: 'cumulative', as_of: '2023-01-11', location: null })]));
  assert.equal(cumulative.added.figures, 0);
  assert.match(cumulative.rejected[0]!.reason, /subset, not the running toll/);
  assert.ok(!cumulative.figures.some((f) => f.value === 23 && f.scope === 'cumulative'));

  // same quote, value and kind: one figure, the rules' (scope, qualifier), nothing added
  const same = merge(answer([figure({ quote: OMBUDSMAN, value: 47, qualifier: 'at_least', scope: 'incident', as_of: '2023-01-11', location: 'Puno', attribution: 'Ombudsman' })]));
  assert.equal(same.added.figures, 0);
  assert.deepEqual(same.rejected, []);
  assert.deepEqual(same.figures, rules().figures);

  // the number the rules read as injured is not re-read as deaths
  const otherKind = merge(answer([figure({ quote: OMBUDSMAN, value: 23, kind: 'deaths', scope: 'subset', as_of: '2023-01-09', location: null })]));
  assert.match(otherKind.rejected[0]!.reason, /read 23 in this quote as injured/);
});

test('what the rules left empty is filled from a verified answer (here the attribution); a name the text lacks is not', () => {
  const doc: FactInput = { title: null, published: '2023-01-11T15:00:00Z', language: 'en', text: 'Peru protests: 12 people were arrested in Lima, La República reported.' };
  const base = factsOf(doc, stories);
  const rule = base.figures.find((f) => f.value === 12)!;
  assert.equal(rule.attribution, null, 'precondition: the rules read no attribution');
  const told = (attribution: string) =>
    mergeModelFacts(doc, peru, factsOf(doc, stories), answer([figure({ quote: '12 people were arrested in Lima', value: 12, kind: 'detained', scope: 'incident', as_of: '2023-01-11', attribution, location: 'Lima' })]));
  const merged = told('La República');
  assert.equal(merged.added.figures, 0);
  assert.equal(merged.filled, 1);
  assert.deepEqual(merged.figures, [{ ...rule, attribution: 'La República' }]);
  const invented = told('the Interior Ministry');
  assert.equal(invented.filled, 0);
  assert.deepEqual(invented.figures, [rule]);
});

test('a second total in the rules’ own total sentence is refused; restatements are not added twice', () => {
  const doc: FactInput = {
    title: null,
    published: '2023-01-11T15:00:00Z',
    language: 'en',
    text: "Peru: the Ombudsman's Office said the death toll from the protests has risen to 47. Seventeen of them died in Juliaca.",
  };
  const base = factsOf(doc, stories);
  assert.ok(base.figures.some((f) => f.value === 47 && f.scope === 'cumulative'), 'precondition: the rules read the toll');
  const merged = mergeModelFacts(doc, peru, base, answer([figure({ quote: 'the death toll from the protests has risen to 47', value: 47, scope: 'cumulative', as_of: '2023-01-11', location: null }), figure({ quote: 'the death toll from the protests has risen to 47', value: 47, scope: 'cumulative', as_of: '2023-01-11', location: null })]));
  assert.equal(merged.figures.filter((f) => f.value === 47).length, 1);
});

test('Spanish: a number word is the value; the quote tolerates other whitespace and typographic quotes', () => {
  const doc: FactInput = {
    title: null,
    published: '2023-01-11T15:00:00Z',
    language: 'es',
    text: 'Perú. Los familiares sepultaron el lunes en Juliaca a las diecisiete víctimas de la masacre, informó la “prensa local”.',
  };
  const merged = mergeModelFacts(doc, peru, factsOf(doc, stories), answer([figure({ quote: 'Los familiares sepultaron el lunes en Juliaca a las diecisiete víctimas de la masacre, informó la "prensa  local"', value: 17, as_of: '2023-01-09', attribution: null })]));
  const added = merged.figures.find((f) => f.value === 17);
  assert.ok(added, JSON.stringify(merged.rejected));
  assert.equal(added.quote, 'Los familiares sepultaron el lunes en Juliaca a las diecisiete víctimas de la masacre, informó la “prensa local”.');
  assert.deepEqual(locateQuote('said  the\n“victims”', 'said the "victims"'), { start: 0, end: 19 });
  assert.equal(locateQuote(doc.text, 'las dieciocho víctimas'), null);
});

test('events: a dated happening the rules miss is added; a date the text does not give is refused', () => {
  const event = { date: '2023-01-10', event: 'First coffins in the Juliaca cathedral', quote: 'By January 10 the first coffins were in the cathedral of Juliaca.' };
  assert.ok(!rules().events.some((e) => e.quote.includes('first coffins')), 'precondition: the rules miss it');
  const merged = merge(answer([], [event, { ...event, date: '2023-01-08' }, { date: '2023-01-10', event: 'x', quote: 'Funerals were held in Cusco on January 10.' }]));
  assert.equal(merged.added.events, 1);
  const added = merged.events.find((e) => e.quote.includes('first coffins'))!;
  assert.equal(added.date, '2023-01-10');
  assert.deepEqual(added.places, ['Juliaca']);
  assert.deepEqual(
    merged.rejected.map((r) => r.reason),
    ['2023-01-08 is not a date the text gives', 'quote is not in the document'],
  );
});

test('answers: malformed JSON and the wrong shape are refused whole; a code fence is fine; a bad entry is dropped alone', () => {
  assert.deepEqual(parseModelAnswer('{"figures": [{"quote": "Relatives'), { ok: false, reason: 'answer is not JSON' });
  assert.deepEqual(parseModelAnswer('[1, 2]'), { ok: false, reason: 'answer is not an object with a figures list' });
  assert.deepEqual(parseModelAnswer('The report says 17 people died.'), { ok: false, reason: 'answer is not JSON' });
  const fenced = parseModelAnswer(`<think>ok</think>\n\`\`\`json\n${JSON.stringify({ figures: [figure({})], events: [] })}\n\`\`\``);
  assert.ok(fenced.ok && fenced.answer.figures.length === 1);
  const partial = parseModelAnswer(JSON.stringify({ figures: [figure({}), { ...figure({}), kind: 'missing' }, { ...figure({}), value: '17' }], events: [{ date: 'Monday', event: 'x', quote: 'y' }] }));
  assert.ok(partial.ok);
  assert.equal(partial.answer.figures.length, 1);
  assert.equal(partial.answer.events.length, 0);
  assert.equal(partial.answer.invalid.length, 3);
  const merged = merge(partial.answer);
  assert.equal(merged.added.figures, 1);
  assert.equal(merged.rejected.length, 3);
  assert.ok(merged.rejected.every((r) => /not in the answer schema/.test(r.reason)));
});

test('the instructions carry the annotation conventions; the JSON schema is strict', () => {
  for (const word of ['cumulative', 'subset', 'incident', 'as_of', 'never the as_of', 'at_least', 'quote', 'víctimas mortales', 'Leave out']) {
    assert.ok(EXTRACTION_INSTRUCTIONS.includes(word), word);
  }
  const item = ANSWER_JSON_SCHEMA.properties.figures.items;
  assert.equal(item.additionalProperties, false);
  assert.deepEqual([...item.required].sort(), Object.keys(item.properties).sort());
});

test('a count that refers back takes its kind from the sentence before; one from another paragraph does not', () => {
  const doc: FactInput = {
    title: null,
    published: '2023-01-11T15:00:00Z',
    language: 'en',
    text: 'Peru: security forces killed protesters in Juliaca on Monday.\nThe city mourned.\nSeventeen were buried on Tuesday.',
  };
  const told = (quote: string) => mergeModelFacts(doc, peru, factsOf(doc, stories), answer([figure({ quote, value: 17, as_of: '2023-01-10', location: null, attribution: null })]));
  assert.match(told('Seventeen were buried on Tuesday.').rejected[0]?.reason ?? '', /does not say deaths/);
  const joined: FactInput = { ...doc, text: 'Peru: security forces killed protesters in Juliaca on Monday. Seventeen were buried on Tuesday.' };
  const merged = mergeModelFacts(joined, peru, factsOf(joined, stories), answer([figure({ quote: 'Seventeen were buried on Tuesday.', value: 17, as_of: '2023-01-10', location: null, attribution: null })]));
  assert.deepEqual(merged.rejected, []);
  assert.ok(merged.figures.some((f) => f.value === 17 && f.kind === 'deaths'));
});
