// The news set's dev/test split stays frozen and follows its rule (scripts/news-split.ts): a report cannot move
// between parts without this failing.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { NEWS_DIR, loadSplit } from '../../scripts/news-eval.ts';
import { splitStory } from '../../scripts/news-split.ts';

test('every story of the news set is split by the rule, 40% to test, each language in both parts where it can be', () => {
  const split = loadSplit();
  const stories = readdirSync(NEWS_DIR).filter((name) => statSync(join(NEWS_DIR, name)).isDirectory());
  assert.ok(stories.length >= 9);
  for (const story of stories) {
    const rule = splitStory(story);
    assert.deepEqual(split.dev.filter((f) => f.startsWith(`${story}/`)).sort(), [...rule.dev].sort(), story);
    assert.deepEqual(split.test.filter((f) => f.startsWith(`${story}/`)).sort(), [...rule.test].sort(), story);
  }
  assert.equal(split.dev.length + split.test.length, new Set([...split.dev, ...split.test]).size, 'no report in both parts');
});
