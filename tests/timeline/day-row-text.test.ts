// A day row's units and founders looked up in its text (src/timeline/day-row-text.ts) answer what the parsed row
// answers: every unit and founder it holds, nothing for ids it does not, on rows written the way the view writes them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textLookup } from '../../src/timeline/day-row-text.ts';
import { monthParts, type MonthRow } from '../../src/timeline/timeline-rows.ts';

/** A unit id as the view names it: precision rank | date | event id | copy index. */
const unitId = (day: number, event: number, copy = 0) => `0|2023-01-${String(day).padStart(2, '0')}|${String(event).padStart(12, '0')}|${String(copy).padStart(4, '0')}`;

/** A pseudo-random month of units over a few days, with founders, in the view's row layout (seeded: the same each run). */
function month(seed: number, units: number): MonthRow {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const row: MonthRow = { a: {}, f: {} };
  const founders: string[] = [];
  for (let i = 0; i < units; i++) {
    const id = unitId(1 + Math.floor(next() * 3), Math.floor(next() * 1e6), Math.floor(next() * 3));
    if (founders.length === 0 || next() < 0.3) {
      row.a[id] = '=';
      founders.push(id);
      row.f[id] = { k: `g:${id.split('|')[1]}|${id}`, m: next() < 0.5 ? ['2023-01'] : ['2022-12', '2023-01'], ...(next() < 0.8 ? { n: 1 + Math.floor(next() * 40) } : {}) };
    } else {
      row.a[id] = founders[Math.floor(next() * founders.length)]!;
    }
  }
  return row;
}

test('every unit and founder of a day row reads the same from its text as from the parsed row', () => {
  for (const [seed, units] of [[1, 1], [2, 2], [3, 25], [4, 400], [5, 3000]] as const) {
    for (const [key, text] of monthParts(month(seed, units))) {
      const parsed = JSON.parse(text) as MonthRow;
      const lookup = textLookup(text);
      for (const id of Object.keys(parsed.a)) assert.equal(lookup.unit(id), parsed.a[id], `${key} unit ${id}`);
      for (const id of Object.keys(parsed.f)) assert.deepEqual(lookup.founder(id), parsed.f[id], `${key} founder ${id}`);
      // ids it does not hold: before the first, after the last, between two, and a unit asked of the founders
      const ids = Object.keys(parsed.a);
      for (const absent of [unitId(1, 0).replace('|000000000000|', '|            |'), `${ids.at(-1)!}~`, `${ids[0]!}0`, '0|2023-01-02|']) {
        if (absent in parsed.a) continue;
        assert.equal(lookup.unit(absent), undefined, `${key} absent unit ${absent}`);
        assert.equal(lookup.founder(absent), undefined, `${key} absent founder ${absent}`);
      }
      for (const id of ids.filter((id) => !(id in parsed.f)).slice(0, 50)) assert.equal(lookup.founder(id), undefined);
    }
  }
});

test('a day row with no founders, or no units, and a row in another layout still answer', () => {
  const onlyUnits = JSON.stringify({ a: { [unitId(1, 1)]: unitId(1, 0), [unitId(1, 2)]: unitId(1, 0) }, f: {} });
  assert.equal(textLookup(onlyUnits).unit(unitId(1, 2)), unitId(1, 0));
  assert.equal(textLookup(onlyUnits).founder(unitId(1, 2)), undefined);
  const onlyFounders = JSON.stringify({ a: {}, f: { [unitId(1, 1)]: { k: 'g:2023-01-01|x', m: ['2023-01'], n: 2 } } });
  assert.deepEqual(textLookup(onlyFounders).founder(unitId(1, 1)), { k: 'g:2023-01-01|x', m: ['2023-01'], n: 2 });
  assert.equal(textLookup(onlyFounders).unit(unitId(1, 1)), undefined);
  // (keys in another order or with spaces: parsed whole, answers the same)
  const other = JSON.stringify({ f: { [unitId(1, 1)]: { k: 'g:k', m: ['2023-01'] } }, a: { [unitId(1, 1)]: '=' } }, null, 1);
  assert.equal(textLookup(other).unit(unitId(1, 1)), '=');
  assert.deepEqual(textLookup(other).founder(unitId(1, 1)), { k: 'g:k', m: ['2023-01'] });
});
