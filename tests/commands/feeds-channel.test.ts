import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeSchedule } from '../../src/pipeline/scheduler.ts';
import { harness, telegramPrivate } from './helpers.ts';

test('/feeds add @channel subscribes a Telegram channel: stored as its t.me link, never polled', async () => {
  const h = harness();
  try {
    const answer = await h.run(telegramPrivate, '/feeds add', { url: '@andes_news' });
    assert.ok(!('error' in (answer.json as object)), JSON.stringify(answer.json));
    const config = await h.app.settings.effective();
    assert.deepEqual(config.sources.map((source) => source.url), ['https://t.me/andes_news']);
    const tasks = await describeSchedule(config);
    assert.equal(tasks.filter((task) => task.kind === 'poll').length, 0, 'a channel has nothing to poll');
  } finally {
    await h.close();
  }
});
