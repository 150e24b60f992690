import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, dayMonthYear, daysInMonth, isoDay, monthDayYear, monthName, monthNumber, monthShortName, pad, periodEnd } from '../../src/core/calendar.ts';

test('month names, English and Spanish, and the words that name a month', () => {
  assert.equal(monthName(1), 'January');
  assert.equal(monthName(9, 'es'), 'septiembre');
  assert.equal(monthShortName(12), 'Dec');
  assert.equal(monthShortName(8, 'es'), 'ago');
  for (const [word, month] of [['Jan.', 1], ['enero', 1], ['Sept.', 9], ['setiembre', 9], ['set', 9], ['dic', 12], ['MAYO', 5], ['may', 5]] as const) {
    assert.equal(monthNumber(word), month, word);
  }
  assert.equal(monthNumber('monday'), 0);
});

test('ISO days: padding, building, arithmetic, period ends', () => {
  assert.equal(pad(7), '07');
  assert.equal(isoDay(2023, 1, 9), '2023-01-09');
  assert.equal(addDays('2023-02-27', 2), '2023-03-01');
  assert.equal(daysInMonth(2024, 2), 29);
  assert.equal(periodEnd('2022-02-01', 'month'), '2022-02-28');
  assert.equal(periodEnd('2022-07-01', 'year'), '2022-12-31');
});

test('the two ways answers write a day', () => {
  assert.equal(monthDayYear('2023-01-09'), 'Jan 9, 2023');
  assert.equal(dayMonthYear('2023-01-09'), '9 Jan 2023');
});
