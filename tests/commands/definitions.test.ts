import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commands } from '../../commands/index.ts';
import { parseOpml, toOpml } from '../../src/answers/opml.ts';

test('every command definition fits Discord registration limits (names, descriptions, required options first)', () => {
  const names = new Set<string>();
  for (const command of commands) {
    assert.ok(!names.has(command.name), `duplicate /${command.name}`);
    names.add(command.name);
    const groups = command.subcommands?.length ? command.subcommands.map((sub) => ({ label: `/${command.name} ${sub.name}`, name: sub.name, description: sub.description, options: sub.options })) : [];
    assert.ok(!(groups.length && command.options.length), `/${command.name}: Discord cannot mix subcommands and options`);
    for (const entry of [{ label: `/${command.name}`, name: command.name, description: command.description, options: command.options }, ...groups]) {
      assert.match(entry.name, /^[-_a-z0-9]{1,32}$/, entry.label);
      assert.ok(entry.description.length >= 1 && entry.description.length <= 100, `${entry.label}: description of ${entry.description.length} characters`);
      assert.ok(entry.options.length <= 25, entry.label);
      let optionalSeen = false;
      for (const option of entry.options) {
        assert.match(option.name, /^[-_a-z0-9]{1,32}$/, `${entry.label} ${option.name}`);
        assert.ok(option.description.length >= 1 && option.description.length <= 100, `${entry.label} ${option.name}: description too long`);
        if (option.required) assert.ok(!optionalSeen, `${entry.label}: required ${option.name} after an optional option`);
        else optionalSeen = true;
      }
    }
  }
  for (const admin of ['feeds', 'schedule', 'destination', 'filter', 'story', 'config']) {
    const command = commands.find((c) => c.name === admin);
    assert.equal(command?.permission, 'admin', `/${admin} is for admins`);
    assert.ok(command?.subcommands?.length, `/${admin} has subcommands`);
  }
});

test('OPML: nested folders flattened, entities decoded, duplicates dropped, round trip keeps urls, titles, stories', () => {
  const text = `<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
    <outline text="News"><outline text="A &amp; B" xmlUrl="https://a.example/rss?x=1&amp;y=2" type="rss"/>
      <outline text="Deeper"><outline title="C" xmlURL="https://c.example/feed"/></outline></outline>
    <outline text="dup" xmlUrl="https://a.example/rss?x=1&amp;y=2"/>
    <outline text="folder only"/></body></opml>`;
  assert.deepEqual(parseOpml(text), [
    { url: 'https://a.example/rss?x=1&y=2', title: 'A & B' },
    { url: 'https://c.example/feed', title: 'C' },
  ]);
  const feeds = [{ url: 'https://a.example/rss?x=1&y=2', title: 'A "quoted" <feed>', story: 'peru-crisis' }, { url: 'https://c.example/feed', title: null }];
  assert.deepEqual(parseOpml(toOpml(feeds)), [feeds[0], { url: 'https://c.example/feed', title: 'https://c.example/feed' }]);
  assert.throws(() => parseOpml('sources: []'), /not an OPML document/);
});

test('the commands that load their modules when run can load them ahead (a started service does)', async () => {
  const lazy = commands.filter((command) => command.preload);
  assert.deepEqual(lazy.map((command) => command.name).sort(), ['deaths', 'digest', 'timeline']);
  for (const command of lazy) assert.ok(await command.preload!(), command.name);
});
