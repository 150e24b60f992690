// Shared helpers for the figure tests: run the extractor on one text and compare figures field by field.
import assert from 'node:assert/strict';
import { extractFigures } from '../../src/facts/figures.ts';
import type { ExtractedFigure, Story } from '../../src/facts/types.ts';
import { PERU } from './peru-story.ts';

/** `story` null: no gazetteer (news in general). */
export function figures(text: string, published: string | null, language: 'en' | 'es' = 'en', story: Story | null = PERU): ExtractedFigure[] {
  return extractFigures({ title: null, text, published, language }, story ?? undefined);
}

const show = (fs: ExtractedFigure[]) =>
  fs.map((f) => `${f.kind} ${f.value} ${f.qualifier} ${f.scope} ${f.asOf} ${f.location} ${f.attribution}`).join('\n    ') || '(none)';

/** Exactly these figures (kind+value), each with the given fields. */
export function expectFigures(got: ExtractedFigure[], expected: Partial<ExtractedFigure>[]): void {
  assert.equal(got.length, expected.length, `expected ${expected.length} figure(s), got:\n    ${show(got)}`);
  for (const want of expected) {
    const f = got.find((g) => g.kind === want.kind && g.value === want.value && (want.location === undefined || g.location === want.location));
    assert.ok(f, `no ${want.kind} ${want.value} among:\n    ${show(got)}`);
    for (const [key, value] of Object.entries(want)) {
      assert.deepEqual(f[key as keyof ExtractedFigure], value, `${want.kind} ${want.value}: ${key}`);
    }
  }
}

export function expectNone(text: string, published: string | null, language: 'en' | 'es' = 'en'): void {
  const got = figures(text, published, language);
  assert.equal(got.length, 0, `expected no figure in "${text}", got:\n    ${show(got)}`);
}
