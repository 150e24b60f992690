// What Discord's autocomplete offers for what was typed (src/platforms/discord/autocomplete.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterChoices } from '../../src/platforms/discord/autocomplete.ts';

const stories = [
  { name: 'egypt-2013 — Crackdown on Morsi supporters', value: 'egypt-2013' },
  { name: 'panama-2023 — Protests against the copper mine', value: 'panama-2023' },
  { name: 'peru-crisis — Perú: the crisis since the ouster', value: 'peru-crisis' },
  { name: 'kenya-2024 — Finance Bill protests in Nairobi', value: 'kenya-2024' },
];

test('prefixes first, then word starts; a match inside a word only when nothing starts with what was typed', () => {
  assert.deepEqual(filterChoices(stories, 'per').map((c) => c.value), ['peru-crisis']);
  assert.deepEqual(filterChoices(stories, 'PROT').map((c) => c.value), ['panama-2023', 'kenya-2024']);
  assert.deepEqual(filterChoices(stories, 'irob').map((c) => c.value), ['kenya-2024'], 'inside a word, when nothing else matches');
  assert.equal(filterChoices(stories, '').length, 4);
});
