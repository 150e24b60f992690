import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Answer } from '../../src/core/answer.ts';
import { renderTelegram, type TelegramMessage, type TelegramTextMessage } from '../../src/platforms/telegram/render.ts';
import {
  answerTextNoSpace,
  assertTelegramHtml,
  assertTelegramMessages,
  bigAnswer,
  rng,
  randomLine,
  telegramPlain,
  telegramTextNoSpace,
} from './helpers.ts';

const texts = (ms: TelegramMessage[]) => ms.filter((m): m is TelegramTextMessage => m.kind === 'text');

test('telegram: a 20,000-unit digest with many sections and links stays within limits and loses nothing', () => {
  for (const seed of [1, 2, 3]) {
    const answer = bigAnswer(seed, 20_000);
    const messages = renderTelegram(answer);
    assert.ok(messages.length >= 5, `only ${messages.length} messages`);
    assertTelegramMessages(messages);
    assert.equal(telegramTextNoSpace(messages), answerTextNoSpace(answer));
    for (const m of texts(messages)) assert.deepEqual(m.link_preview_options, { is_disabled: true });
    // Links survive as <a href>, javascript: never does.
    const all = texts(messages).map((m) => m.text).join('');
    assert.match(all, /<a href="https:\/\/news\.example\.org\/a\/\d+\?q=\(x\)&amp;y=%22z%22">/);
    assert.ok(!/<a href="javascript/i.test(all), 'javascript: link');
  }
});

test('telegram: random answers of every size (fuzz) keep every limit and every word', () => {
  const r = rng(99);
  for (let i = 0; i < 40; i++) {
    const answer = bigAnswer(1000 + i, 500 + Math.floor(r() * 30_000), { maxLine: 50 + Math.floor(r() * 6000), sections: 1 + Math.floor(r() * 40) });
    const messages = renderTelegram(answer);
    assertTelegramMessages(messages);
    assert.equal(telegramTextNoSpace(messages), answerTextNoSpace(answer), `seed ${1000 + i}`);
  }
});

test('telegram: a single 10,000-character line without spaces is cut into full messages, losslessly', () => {
  const line = Array.from({ length: 10_000 }, (_, i) => 'abcdefghij<&>'[i % 13]).join('');
  const answer: Answer = { sections: [{ lines: [[line]] }], json: null };
  const messages = renderTelegram(answer);
  assertTelegramMessages(messages);
  assert.ok(messages.length >= 4, 'line 48');
  assert.equal(texts(messages).map((m) => telegramPlain(m.text)).join(''), line);
  // Hard cuts fill the message (no needless short messages): all but the last are near 4,096.
  for (const m of texts(messages).slice(0, -1)) assert.ok(m.text.length > 4090, `${m.text.length}`);
});

test('telegram: a bold 10,000-character line re-opens its tags in every piece', () => {
  const line = 'x'.repeat(10_000);
  const messages = renderTelegram({ sections: [{ lines: [[{ text: line, bold: true, url: 'https://a.example/' }]] }], json: null });
  assertTelegramMessages(messages);
  for (const m of texts(messages)) assert.match(m.text, /^<b><a href="https:\/\/a\.example\/">x+<\/a><\/b>$/);
  assert.equal(texts(messages).map((m) => telegramPlain(m.text)).join(''), line);
});

test('telegram: emoji exactly at every possible split point never leaves a lone surrogate', () => {
  for (let shift = 0; shift < 8; shift++) {
    // Emoji (2 units) and a ZWJ family (8 units) straddling the 4,096 boundary at every parity.
    const line = 'a'.repeat(4090 + shift) + '😀'.repeat(10) + '👨‍👩‍👧'.repeat(5) + 'b'.repeat(shift);
    for (const bold of [false, true]) {
      const answer: Answer = { sections: [{ lines: [[bold ? { text: line, bold } : line]] }], json: null };
      const messages = renderTelegram(answer);
      assertTelegramMessages(messages);
      assert.equal(texts(messages).map((m) => telegramPlain(m.text)).join(''), line);
    }
  }
  const emojiOnly = '😀'.repeat(5000) + '🇵🇪'.repeat(100);
  const messages = renderTelegram({ title: '😀', sections: [{ lines: [[emojiOnly]] }], json: null });
  assertTelegramMessages(messages);
  assert.equal(telegramTextNoSpace(messages), '😀' + emojiOnly);
});

test('telegram: entities are never cut (& expands to &amp; at the boundary)', () => {
  for (let shift = 0; shift < 6; shift++) {
    const line = 'a'.repeat(4090 + shift) + '&'.repeat(3000);
    const messages = renderTelegram({ sections: [{ lines: [[line]] }], json: null });
    assertTelegramMessages(messages);
    assert.equal(texts(messages).map((m) => telegramPlain(m.text)).join(''), line);
  }
});

test('telegram: markup injection in title, headings, text and links is neutralised', () => {
  const answer: Answer = {
    title: '<a href="javascript:alert(1)">pwn</a> </b> <script>x</script> &amp;',
    sections: [
      {
        heading: '</b><i>heading',
        lines: [
          ['plain <b>not bold</b> & ', { text: 'js link', url: 'javascript:alert(1)' }, ' ', { text: 'q"uote', url: 'https://x.example/?a="b"&c=<d>' }],
          [{ text: '<pre>code</pre>', code: true }, { text: 'data', url: 'data:text/html,<script>' }, { text: 'bad', url: 'not a url' }],
        ],
      },
    ],
    json: null,
  };
  const messages = renderTelegram(answer);
  assertTelegramMessages(messages);
  assert.equal(messages.length, 1);
  const text = (messages[0] as TelegramTextMessage).text;
  assert.ok(text.startsWith('<b>&lt;a href="javascript:alert(1)"&gt;pwn&lt;/a&gt; &lt;/b&gt; &lt;script&gt;x&lt;/script&gt; &amp;amp;</b>\n\n'), 'line 106');
  assert.ok(text.includes('<b>&lt;/b&gt;&lt;i&gt;heading</b>'), 'line 107');
  assert.ok(!text.includes('<a href="javascript') && !text.includes('<a href="data'), 'bad scheme linked');
  assert.ok(text.includes('<a href="https://x.example/?a=%22b%22&amp;c=%3Cd%3E">q"uote</a>'), 'line 109');
  assert.ok(text.includes('<code>&lt;pre&gt;code&lt;/pre&gt;</code>'), 'line 110');
  assert.equal(telegramTextNoSpace(messages), answerTextNoSpace(answer));
});

test('telegram: sections move whole to the next message; a long paragraph splits at a sentence end', () => {
  const para = (n: number) => Array.from({ length: n }, (_, i) => `Sentence number ${i} ends here.`).join(' ');
  const a: Answer = {
    title: 'Two sections',
    sections: [
      { heading: 'One', lines: [[para(90)]] },
      { heading: 'Two', lines: [[para(90)]] },
    ],
    json: null,
  };
  const ma = texts(renderTelegram(a));
  assert.equal(ma.length, 2);
  assert.ok(ma[1]!.text.startsWith('<b>Two</b>\n'), ma[1]!.text.slice(0, 30));

  const b: Answer = { sections: [{ lines: [[para(400)]] }], json: null };
  const mb = texts(renderTelegram(b));
  assertTelegramMessages(mb);
  assert.ok(mb.length >= 3, 'line 131');
  for (const m of mb.slice(0, -1)) assert.match(m.text, /ends here\.$/);
  for (const m of mb.slice(1)) assert.match(m.text, /^Sentence number \d+/);
  assert.equal(telegramTextNoSpace(mb), answerTextNoSpace(b));
});

test('telegram: a heading is not left alone at the end of a message', () => {
  const filler = 'word '.repeat(790).trim(); // ~3,950 units
  const answer: Answer = { sections: [{ lines: [[filler]] }, { heading: 'Lonely heading', lines: [['x '.repeat(600).trim()], ['y'], ...Array.from({ length: 5 }, () => ['z '.repeat(600).trim()])] }], json: null };
  const messages = texts(renderTelegram(answer));
  assertTelegramMessages(messages);
  assert.ok(messages.length >= 3, 'the section is longer than a message');
  for (const m of messages) assert.ok(!m.text.endsWith('<b>Lonely heading</b>'), 'heading alone at the end');
  assert.ok(messages.some((m) => m.text.startsWith('<b>Lonely heading</b>\nx x')), 'heading starts a message');
  assert.equal(telegramTextNoSpace(messages), answerTextNoSpace(answer));
});

test('telegram: image attachment → photo with caption ≤ 1,024 (rest follows as text); others → document', () => {
  const longCaption = Array.from({ length: 400 }, (_, i) => `chart<${i}>&`).join(' ');
  const answer: Answer = {
    title: 'Deaths',
    sections: [{ lines: [['see chart']] }],
    json: null,
    attachments: [
      { name: 'deaths.png', contentType: 'image/png', path: '/tmp/deaths.png', description: longCaption },
      { name: 'data.csv', contentType: 'text/csv', path: '/tmp/data.csv' },
      { name: 'wide.png', contentType: 'image/png', path: '/tmp/wide.png', description: '&'.repeat(1000) },
    ],
  };
  const messages = renderTelegram(answer);
  assertTelegramMessages(messages);
  const photo = messages.find((m) => m.kind === 'photo');
  assert.ok(photo && photo.kind === 'photo', 'line 160');
  assert.equal(photo.photoPath, '/tmp/deaths.png');
  assert.ok(photo.caption.length > 900 && photo.caption.length <= 1024, 'line 162');
  // A caption without spaces is hard-cut to exactly the limit, never past an entity.
  const wide = messages.find((m) => m.kind === 'photo' && m.photoPath === '/tmp/wide.png');
  assert.ok(wide && wide.kind === 'photo', 'wide photo');
  assert.equal(wide.caption, '&amp;'.repeat(204));
  assert.equal(messages.at(-1)!.kind, 'text');
  const doc = messages.find((m) => m.kind === 'document');
  assert.ok(doc && doc.kind === 'document', 'line 164');
  assert.equal(doc.documentPath, '/tmp/data.csv');
  assert.equal(doc.caption, 'data.csv');
  assert.equal(telegramTextNoSpace(messages), answerTextNoSpace(answer, true));
});

test('telegram: control characters and lone surrogates in the input are cleaned', () => {
  const answer: Answer = { sections: [{ lines: [['a\u0000b\u0007c \uD800 d \uDC00e\r\nf']] }], json: null };
  const messages = texts(renderTelegram(answer));
  assertTelegramMessages(messages);
  assert.equal(messages[0]!.text, 'abc \uFFFD d \uFFFDe\nf');
});

test('telegram: an empty answer renders no message', () => {
  assert.deepEqual(renderTelegram({ sections: [], json: null }), []);
  assert.deepEqual(renderTelegram({ sections: [{ heading: '', lines: [[''], []] }], json: null }), []);
});

test('telegram validators can fail', () => {
  const msg = (text: string): TelegramMessage => ({ kind: 'text', text, parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  assert.throws(() => assertTelegramMessages([msg('x'.repeat(4097))]));
  assert.throws(() => assertTelegramMessages([msg('<b>open')]));
  assert.throws(() => assertTelegramMessages([msg('<b><i>x</b></i>')]));
  assert.throws(() => assertTelegramMessages([msg('<script>x</script>')]));
  assert.throws(() => assertTelegramMessages([msg('a &am')]));
  assert.throws(() => assertTelegramMessages([msg('a > b')]));
  assert.throws(() => assertTelegramMessages([msg('<a href="javascript:x">y</a>')]));
  assert.throws(() => assertTelegramMessages([msg('emoji \uD83D')]));
  assert.throws(() => assertTelegramMessages([{ kind: 'photo', photoPath: 'p', caption: 'c'.repeat(1025), parse_mode: 'HTML' }]));
  assert.throws(() => assertTelegramHtml('</b>'));
  assert.throws(() =>
    assert.equal(telegramTextNoSpace([msg('one two')]), answerTextNoSpace({ sections: [{ lines: [['one two three']] }], json: null })),
  );
  // And the generator makes lines long enough to need splitting.
  assert.ok(randomLine(rng(5), 5000).length > 10, 'line 198');
});

test('telegram: @mentions are defused with U+2060 and tg: links are not linked (no one is notified)', () => {
  const headline = 'Ping @some_admin, @@x, @9 and a@b.example; lone @ and @é stay';
  const answer: Answer = {
    title: 'Hi @channel_admin',
    sections: [{ heading: 'From @desk', lines: [[headline, ' ', { text: 'profile', url: 'tg://user?id=123' }, ' ', { text: '@linked', url: 'https://x.example/@linked' }]] }],
    json: null,
  };
  const messages = renderTelegram(answer);
  assertTelegramMessages(messages);
  const text = texts(messages).map((m) => m.text).join('');
  // No `@` is directly followed by a username character: Telegram sees no mention.
  assert.ok(!/@[A-Za-z0-9_]/.test(text.replace(/href="[^"]*"/g, '')), text);
  assert.ok(text.includes('Ping @\u2060some_admin, @@\u2060x, @\u20609 and a@\u2060b.example; lone @ and @é stay'), text);
  assert.ok(!text.includes('tg:'), 'tg: link emitted');
  assert.ok(text.includes(' profile '), 'tg: link shown as plain text');
  assert.ok(text.includes('<a href="https://x.example/@linked">@\u2060linked</a>'), 'href kept as is, link text defused');
  // Nothing lost: the reader sees the same text (U+2060 is invisible).
  assert.equal(telegramPlain(text), `Hi @channel_admin\n\nFrom @desk\n${headline} profile @linked`);
});

test('telegram: the answer link becomes a URL button under the last message; only http(s) URLs make one', () => {
  const chart = { name: 'deaths.png', path: '/tmp/deaths.png', contentType: 'image/png', description: 'Chart' };
  const answer: Answer = {
    title: 'Deaths',
    sections: [{ lines: [['Death toll: 47']] }],
    json: null,
    attachments: [chart],
    link: { label: 'Chart and sources on the web', url: 'https://cronista.example/stories/peru-crisis?q=a&b=<c>' },
  };
  const messages = renderTelegram(answer);
  assert.deepEqual(
    messages.map((m) => m.reply_markup),
    [undefined, { inline_keyboard: [[{ text: 'Chart and sources on the web', url: 'https://cronista.example/stories/peru-crisis?q=a&b=%3Cc%3E' }]] }],
    'the button goes under the last message (here the chart)',
  );
  const textOnly = renderTelegram({ ...answer, attachments: [] });
  assert.equal(textOnly.length, 1);
  assert.ok(textOnly[0]!.reply_markup);
  for (const url of ['javascript:alert(1)', 'tg://resolve?domain=x', 'not a url']) {
    assert.equal(renderTelegram({ ...answer, link: { label: 'x', url } }).some((m) => m.reply_markup), false, url);
  }
  assert.equal(renderTelegram({ ...answer, link: undefined }).some((m) => m.reply_markup), false);
});
