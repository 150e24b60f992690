import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { timelineEvents, timelineJson, timelineQuery } from '../../src/answers/timeline.ts';
import { ingestTargets } from '../../src/pipeline/ingest.ts';
import { parseCommandLine } from '../../src/platforms/console/parse.ts';
import { root } from '../cli/helpers.ts';
import { answerText, errorText, harness, isError, operator } from './helpers.ts';

test('the paging hint of /timeline keeps the filters asked for, and reads back as the same request; its JSON is the page', async () => {
  const h = harness();
  try {
    await ingestTargets(h.app, [join(root, 'tests/fixtures/seeds')]);
    const options = { from: '2022-12-01', to: '2023-03-31' };
    const first = await h.run(operator, 'timeline', options);
    assert.ok(!isError(first), errorText(first));
    const hint = /Next: (\/timeline .*)$/m.exec(answerText(first))?.[1];
    assert.equal(hint, '/timeline from:2022-12-01 to:2023-03-31 page:2', answerText(first).slice(-300));
    const parsed = parseCommandLine(hint!, (name) => h.dispatcher.find(name));
    assert.deepEqual(parsed.options, { ...options, page: '2' });
    const second = await h.run(operator, 'timeline', parsed.options);
    assert.match(answerText(second), /^Page 2 of \d+ \(\d+ events\)/m);
    const dates = (first.json as { events: { date: string }[] }).events.map((event) => event.date);
    assert.ok(dates.every((date) => date >= '2022-12-01' && date <= '2023-03-31'), 'the pages are of the filtered timeline');

    // The JSON is the page shown and where it stands; its events are those of the whole selection (the web's).
    const whole = timelineJson(null, await timelineEvents(h.app, timelineQuery(h.app, options))).events;
    type PageJson = { events: unknown[]; page: number; pages: number; total: number };
    const pages = Math.ceil(whole.length / 12);
    assert.ok(pages > 1);
    assert.deepEqual(second.json, { story: 'peru-crisis', events: whole.slice(12, 24), page: 2, pages, total: whole.length });
    const past = (await h.run(operator, 'timeline', { ...options, page: '99' })).json as PageJson;
    assert.deepEqual([past.page, past.events], [pages, whole.slice((pages - 1) * 12)], 'a page past the end is the last');
    const none = await h.run(operator, 'timeline', { ...options, query: 'no such words anywhere' });
    assert.deepEqual(none.json, { story: 'peru-crisis', events: [], page: 1, pages: 1, total: 0 });
    assert.match(answerText(none), /No dated events match/);
  } finally {
    await h.close();
  }
});
