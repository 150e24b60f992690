import assert from 'node:assert/strict';
import { test } from 'node:test';

process.env.CRONISTA_LOG_LEVEL ??= 'silent';

import { compileFilters, filterReason, ruleCompilations } from '../../src/core/filters.ts';
import { OVERRIDES_KEY } from '../../src/core/config-overrides.ts';
import { errorText, harness, isError, operator } from '../commands/helpers.ts';

test('a filter rule that does not compile is refused by the config schema, naming the field; nothing changes', async () => {
  const h = harness();
  try {
    const before = await h.app.store.kv.get(OVERRIDES_KEY);
    const answer = await h.run(operator, 'config import', { yaml: 'destinations:\n  - id: x\n    console: true\n    filters:\n      exclude: ["/(/"]\n' });
    assert.ok(isError(answer));
    assert.match(errorText(answer), /filters\.exclude.*\/\(\/ is not a valid regular expression/);
    assert.deepEqual(await h.app.store.kv.get(OVERRIDES_KEY), before);
  } finally {
    await h.close();
  }
});

test('compileFilters compiles once and answers like filterReason', () => {
  const filters = { include: ['Puno', '/lima/i'], exclude: ['football'] };
  const reason = compileFilters(filters);
  for (const text of ['Clashes in Puno', 'Lima calm', 'Football in Puno', 'Cusco quiet']) {
    assert.equal(reason(text), filterReason(text, filters), text);
  }
  assert.equal(reason('Cusco quiet'), 'matches none of the include filters Puno, /lima/i');
  assert.equal(compileFilters(undefined)('anything'), null);
  assert.throws(() => compileFilters({ exclude: ['/(/'] }), /not a valid regular expression/);
});

test('a regex filter is compiled once per configuration change, not on each read or each digest', async () => {
  const h = harness();
  try {
    assert.ok(!isError(await h.run(operator, 'filter add', { exclude: '/f[uú]tbol|soccer/i' })));
    const afterChange = ruleCompilations();
    for (let i = 0; i < 20; i++) {
      const config = await h.app.settings.effective(); // validates every rule
      compileFilters(config.destinations[0]!.filters)('Fútbol in Lima'); // what each digest does
    }
    assert.equal(ruleCompilations(), afterChange, 'no compilation on reads');
    assert.ok(!isError(await h.run(operator, 'filter add', { include: '/juliaca/i' })));
    assert.equal(ruleCompilations(), afterChange + 1, 'the new rule once');
  } finally {
    await h.close();
  }
});

test('a config file with a broken filter rule fails to load with the field named', async () => {
  const { parseConfig } = await import('../../src/core/config.ts');
  assert.throws(() => parseConfig({ destinations: [{ id: 'x', console: true, filters: { include: ['/[/'] } }] }), /destinations\[0\]\.filters\.include\[0\]: Filter \/\[\/ is not a valid regular expression/);
});
