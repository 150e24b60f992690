import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repairXml } from '../../src/sources/xml-repair.ts';

test('declared DTD entities are still substituted', () => {
  const xml = '<!DOCTYPE rss [<!ENTITY org "Health Ministry">]><rss><channel><title>&org; says &amp; &nbsp;x</title></channel></rss>';
  const out = repairXml(xml);
  assert.match(out, /<title>Health Ministry says &amp; &#xa0;x<\/title>/);
});

test('billion-laughs style input: entity expansion is bounded (≤ 2× the input), fast, and the rest stays as text', () => {
  const value = 'lol'.repeat(64 * 1024 / 3 | 0); // ~64 KiB
  const refs = '&a;'.repeat(50_000); // unbounded: ~3.2 GB of text
  const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${value}">]><rss><channel><title>t</title><item><title>${refs}</title></item></channel></rss>`;
  const started = Date.now();
  const out = repairXml(xml);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 5_000, `took ${elapsed} ms`);
  assert.ok(out.length <= 4 * xml.length, `output ${out.length} chars for ${xml.length} of input`);
  // Substituted while the budget lasted, then kept as the escaped reference.
  assert.ok(out.includes(value), 'first references substituted');
  assert.match(out, /(&amp;a;){1000}/);
  const substituted = (out.length - out.split(value).join('').length) / value.length;
  assert.ok(substituted >= 1 && substituted * value.length <= 2 * xml.length, `${substituted} substitutions`);
});
