import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { APIEmbed } from 'discord.js';
import type { Answer } from '../../src/core/answer.ts';
import { renderDiscord, escapeMarkdown, discordUrl, type DiscordMessage } from '../../src/platforms/discord/render.ts';
import { answerTextNoSpace, assertDiscordMessages, bigAnswer, discordPlain, discordTextNoSpace, rng } from './helpers.ts';

const descriptions = (ms: DiscordMessage[]) => ms.flatMap((m) => m.embeds.map((e) => e.description ?? ''));
const everyString = (ms: DiscordMessage[]) => JSON.stringify(ms.map((m) => m.embeds));

test('discord: a 20,000-unit digest splits across embeds and messages within every limit, losing nothing', () => {
  for (const seed of [1, 2, 3]) {
    const answer = bigAnswer(seed, 20_000);
    const messages = renderDiscord(answer);
    assert.ok(messages.length >= 4, `only ${messages.length} messages`);
    assert.ok(messages.some((m) => m.embeds.length >= 2), 'never more than one embed per message');
    assertDiscordMessages(messages);
    assert.equal(discordTextNoSpace(messages), answerTextNoSpace(answer));
    // The embeds are structurally discord.js APIEmbeds.
    const apiEmbeds: APIEmbed[] = messages.flatMap((m) => m.embeds);
    assert.ok(apiEmbeds.length > 4, 'embeds');
    const all = descriptions(messages).join('\n');
    assert.match(all, /\]\(https:\/\/news\.example\.org\/a\/\d+\?q=%28x%29&y=%22z%22\)/);
    assert.ok(!/\]\(javascript/i.test(all), 'javascript: link');
  }
});

test('discord: random answers of every size (fuzz) keep every limit and every word', () => {
  const r = rng(7);
  for (let i = 0; i < 40; i++) {
    const answer = bigAnswer(2000 + i, 500 + Math.floor(r() * 40_000), { maxLine: 50 + Math.floor(r() * 8000), sections: 1 + Math.floor(r() * 60) });
    if (i % 3 === 0) answer.attachments = [{ name: 'chart.png', contentType: 'image/png', path: '/tmp/c.png', description: 'd'.repeat(Math.floor(r() * 3000)) }];
    if (i % 4 === 0) answer.ephemeral = true;
    const messages = renderDiscord(answer);
    assertDiscordMessages(messages, answer.ephemeral ?? false);
    assert.equal(discordTextNoSpace(messages), answerTextNoSpace(answer), `seed ${2000 + i}`);
  }
});

test('discord: many small sections never exceed 10 embeds or 6,000 units per message', () => {
  const sections = Array.from({ length: 300 }, (_, i) => ({ heading: `S${i}`, lines: [['w '.repeat(200 + ((i * 37) % 1500)).trim()]] }));
  const answer: Answer = { title: 'Many', sections, json: null };
  const messages = renderDiscord(answer);
  assertDiscordMessages(messages);
  assert.equal(discordTextNoSpace(messages), answerTextNoSpace(answer));
  // Sections are kept whole when they fit: every description starts at a heading.
  for (const d of descriptions(messages)) assert.match(d, /^\*\*S\d+\*\*\n/);
});

test('discord: a single 10,000-character line without spaces is cut losslessly', () => {
  const line = Array.from({ length: 10_000 }, (_, i) => 'abcdefg*_~`|>'[i % 13]).join('');
  const answer: Answer = { sections: [{ lines: [[line]] }], json: null };
  const messages = renderDiscord(answer);
  assertDiscordMessages(messages);
  assert.equal(descriptions(messages).map(discordPlain).join(''), line);
});

test('discord: emoji exactly at every split point never leaves a lone surrogate', () => {
  for (let shift = 0; shift < 8; shift++) {
    const line = 'a'.repeat(4090 + shift) + '😀'.repeat(10) + '👨‍👩‍👧'.repeat(5) + 'b'.repeat(1900) + '😀'.repeat(20);
    for (const bold of [false, true]) {
      const messages = renderDiscord({ sections: [{ lines: [[bold ? { text: line, bold } : line]] }], json: null });
      assertDiscordMessages(messages);
      assert.equal(descriptions(messages).map(discordPlain).join(''), line);
    }
  }
  const emojiOnly = '😀'.repeat(7000);
  const messages = renderDiscord({ title: '😀'.repeat(200), sections: [{ lines: [[emojiOnly]] }], json: null });
  assertDiscordMessages(messages);
  assert.equal(discordTextNoSpace(messages), '😀'.repeat(7200));
});

test('discord: Markdown injection is escaped and links are masked only for real URLs', () => {
  const answer: Answer = {
    title: '**bold** [click](http://evil) ```js',
    sections: [
      {
        heading: '# not a header',
        lines: [
          ['**bold** __u__ ~~s~~ ||spoiler|| `code` ```block``` [click](http://evil) > quote \\*'],
          ['# h1'],
          ['- item'],
          ['1. first'],
          [{ text: 'real [link]', url: 'https://example.org/a_(b)?c=<d> e' }, ' ', { text: 'js', url: 'javascript:alert(1)' }],
          [{ text: 'has `tick`', code: true }, ' ', { text: 'ok_code*', code: true }],
        ],
      },
    ],
    json: null,
  };
  const messages = renderDiscord(answer);
  assertDiscordMessages(messages);
  const [embed] = messages[0]!.embeds;
  assert.equal(embed!.title, '\\*\\*bold\\*\\* \\[click\\](http://evil) \\`\\`\\`js');
  const d = embed!.description!;
  assert.ok(d.startsWith('**\\# not a header**\n'), d.slice(0, 40));
  assert.ok(d.includes('\\*\\*bold\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\`code\\` \\`\\`\\`block\\`\\`\\` \\[click\\](http://evil) \\> quote \\\\\\*'), d);
  assert.ok(d.includes('\n\\# h1\n\\- item\n1\\. first\n'), 'line starts');
  assert.ok(d.includes('[real \\[link\\]](https://example.org/a_%28b%29?c=%3Cd%3E%20e) js\n'), 'masked link');
  assert.ok(d.includes('has \\`tick\\` `ok_code*`'), 'code spans');
  assert.ok(!/(?<!\\)\[click/.test(everyString(messages)), 'unescaped [click');
  assert.equal(discordTextNoSpace(messages), answerTextNoSpace(answer));
});

test('discord: mentions are defused everywhere even if allowed_mentions were ignored', () => {
  const hostile = '@everyone @here <@123456789012345678> <@!123> <@&987654321098765432> <#111111111111111111> </cmd:1>';
  const answer: Answer = {
    title: hostile.slice(0, 60),
    sections: [
      {
        heading: hostile,
        lines: [[hostile], [{ text: hostile, url: 'https://example.org' }], [{ text: '@everyone', code: true }], ['@', 'everyone', ' <', '@1>'], [{ text: hostile, bold: true }]],
      },
    ],
    json: null,
    attachments: [{ name: 'c.png', contentType: 'image/png', path: '/tmp/c.png', description: `chart ${hostile}` }],
  };
  const messages = renderDiscord(answer);
  assertDiscordMessages(messages);
  const all = everyString(messages);
  assert.ok(!/@everyone|@here|<@|<#|<\//.test(all), all);
  assert.ok(all.includes('@\\u200beveryone') || all.includes('@\u200beveryone'), 'zwsp');
  for (const m of messages) assert.deepEqual(m.allowed_mentions, { parse: [] });
  assert.equal(discordTextNoSpace(messages), answerTextNoSpace(answer));
});

test('discord: the chart goes as a file shown in the first embed; ephemeral sets flags 64 on every message', () => {
  const answer = bigAnswer(5, 15_000);
  answer.ephemeral = true;
  answer.attachments = [
    { name: 'data.csv', contentType: 'text/csv', path: '/tmp/data.csv' },
    { name: 'deaths chart.png', contentType: 'image/png', path: '/tmp/deaths.png', description: 'Deaths over time' },
  ];
  const messages = renderDiscord(answer);
  assertDiscordMessages(messages, true);
  assert.ok(messages.length > 1, 'one message');
  const first = messages[0]!;
  assert.deepEqual(first.files?.map((f) => [f.name, f.path, f.contentType]), [
    ['deaths_chart.png', '/tmp/deaths.png', 'image/png'],
    ['data.csv', '/tmp/data.csv', 'text/csv'],
  ]);
  assert.deepEqual(first.embeds[0]!.image, { url: 'attachment://deaths_chart.png' });
  assert.equal(first.embeds[0]!.footer?.text, 'Deaths over time');
  for (const m of messages.slice(1)) assert.equal(m.files, undefined);
  assert.equal(discordTextNoSpace(messages), answerTextNoSpace(answer));
});

test('discord: a title-only or chart-only answer still makes one valid message; empty makes none', () => {
  const t = renderDiscord({ title: 'Only a title', sections: [], json: null });
  assertDiscordMessages(t);
  assert.deepEqual(t[0]!.embeds, [{ title: 'Only a title' }]);
  const c = renderDiscord({ sections: [], json: null, attachments: [{ name: 'c.png', contentType: 'image/png', path: '/p' }] });
  assertDiscordMessages(c);
  assert.equal(c.length, 1);
  assert.deepEqual(renderDiscord({ sections: [], json: null }), []);
  assert.deepEqual(renderDiscord({ sections: [{ lines: [['   '], ['\t']] }], json: null }), []);
  const nl = renderDiscord({ title: 'two\nlines', sections: [], json: null });
  assert.equal(nl[0]!.embeds[0]!.title, 'two lines');
});

test('discord: a title over 256 units moves into the description, bold', () => {
  const title = 'Very long title '.repeat(30).trim();
  const messages = renderDiscord({ title, sections: [{ lines: [['body']] }], json: null });
  assertDiscordMessages(messages);
  assert.equal(messages[0]!.embeds[0]!.title, undefined);
  assert.ok(messages[0]!.embeds[0]!.description!.startsWith(`**${title}**\n\nbody`), 'bold title');
});

test('discord: title and footer count toward the 6,000 of the first message', () => {
  const answer = bigAnswer(11, 12_000);
  answer.title = 'T'.repeat(256);
  answer.attachments = [{ name: 'c.png', contentType: 'image/png', path: '/p', description: 'f'.repeat(2048) }];
  const messages = renderDiscord(answer);
  assertDiscordMessages(messages);
  const first = messages[0]!.embeds;
  const sum = first.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
  assert.ok(sum > 5000 && sum <= 6000, `${sum}`);
  assert.equal(messages[0]!.embeds[0]!.footer?.text, 'f'.repeat(2048));
});

test('discord helpers: escapeMarkdown and discordUrl', () => {
  assert.equal(escapeMarkdown('a*b_c @here <@1>'), 'a\\*b\\_c @\u200bhere <\u200b@1\\>');
  assert.equal(discordUrl('javascript:alert(1)'), undefined);
  assert.equal(discordUrl('nope'), undefined);
  assert.equal(discordUrl(`https://x.org/${'a'.repeat(600)}`), undefined);
  assert.equal(discordUrl('https://x.org/a b(c)'), 'https://x.org/a%20b%28c%29');
});

test('discord validators can fail', () => {
  const msg = (over: Partial<DiscordMessage>): DiscordMessage => ({ embeds: [{ description: 'x' }], allowed_mentions: { parse: [] }, ...over });
  assert.throws(() => assertDiscordMessages([msg({ content: 'x'.repeat(2001) })]));
  assert.throws(() => assertDiscordMessages([msg({ embeds: Array.from({ length: 11 }, () => ({ description: 'x' })) })]));
  assert.throws(() => assertDiscordMessages([msg({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }] })]));
  assert.throws(() => assertDiscordMessages([msg({ embeds: [{ description: 'x'.repeat(4097) }] })]));
  assert.throws(() => assertDiscordMessages([msg({ embeds: [{ title: 't'.repeat(257) }] })]));
  assert.throws(() => assertDiscordMessages([msg({ embeds: [{ description: 'hi @everyone' }] })]));
  assert.throws(() => assertDiscordMessages([msg({ embeds: [{ description: 'hi <@123>' }] })]));
  assert.throws(() => assertDiscordMessages([msg({ embeds: [{ description: 'bad \uDE00' }] })]));
  assert.throws(() => assertDiscordMessages([msg({ embeds: [{ description: 'x', image: { url: 'attachment://a.png' } }] })]));
  assert.throws(() => assertDiscordMessages([msg({ flags: 64 })]));
  assert.throws(() => assertDiscordMessages([msg({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'a', value: 'b' })) }] })]));
  assert.throws(() => discordPlain('[x](javascript:alert(1))'));
  assert.throws(() => assert.equal(discordTextNoSpace([msg({})]), 'xy'));
});

test('discord: long paragraphs split at sentence ends; a long bold link re-wraps its markup in every piece', () => {
  const para = Array.from({ length: 500 }, (_, i) => `Sentence number ${i} ends here.`).join(' ');
  const a: Answer = { sections: [{ lines: [[para]] }], json: null };
  const ma = renderDiscord(a);
  assertDiscordMessages(ma);
  const da = descriptions(ma);
  assert.ok(da.length >= 4, `${da.length}`);
  for (const d of da.slice(0, -1)) assert.match(d, /ends here\.$/);
  for (const d of da.slice(1)) assert.match(d, /^Sentence number \d+/);
  assert.equal(discordTextNoSpace(ma), answerTextNoSpace(a));

  const b: Answer = { sections: [{ lines: [[{ text: 'word_ '.repeat(3000).trim(), bold: true, url: 'https://example.org/x' }]] }], json: null };
  const mb = renderDiscord(b);
  assertDiscordMessages(mb);
  for (const d of descriptions(mb)) assert.match(d, /^\*\*\[word\\_( word\\_)*\]\(https:\/\/example\.org\/x\)\*\*$/);
  assert.equal(discordTextNoSpace(mb), answerTextNoSpace(b));
});

test('discord: the answer link becomes a link button on the last message; only http(s) URLs make one', () => {
  const answer: Answer = {
    title: 'Timeline',
    sections: [{ lines: [['2023-01-09  Killings in Juliaca']] }],
    json: null,
    link: { label: `Whole timeline on the web ${'x'.repeat(100)}`, url: 'https://cronista.example/stories/peru-crisis?place=Juliaca' },
  };
  const messages = renderDiscord(answer);
  const row = messages.at(-1)!.components?.[0];
  assert.ok(row);
  assert.equal(row.type, 1);
  assert.equal(row.components.length, 1);
  const button = row.components[0]!;
  assert.equal(button.type, 2);
  assert.equal(button.style, 5);
  assert.equal(button.url, 'https://cronista.example/stories/peru-crisis?place=Juliaca');
  assert.ok(button.label.length <= 80 && button.label.startsWith('Whole timeline on the web'));
  const long = renderDiscord({ ...answer, sections: [{ lines: Array.from({ length: 400 }, (_, i) => [`line ${i} ${'word '.repeat(20)}`]) }] });
  assert.ok(long.length > 1);
  assert.deepEqual(long.slice(0, -1).map((m) => m.components), long.slice(0, -1).map(() => undefined), 'only the last message has the button');
  assert.ok(long.at(-1)!.components);
  for (const url of ['javascript:alert(1)', 'ftp://x.example/', '']) {
    assert.equal(renderDiscord({ ...answer, link: { label: 'x', url } }).some((m) => m.components), false, url);
  }
});
