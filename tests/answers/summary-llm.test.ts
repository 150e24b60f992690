import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  cleanAnswer,
  createLlmSummarizer,
  llmConfigFromEnv,
  summarize,
  verifyNumbers,
  type LlmConfig,
} from '../../src/answers/summary/llm.ts';
import { summarizeExtractive } from '../../src/answers/summary/extractive.ts';
import { createDigestSummarizer } from '../../src/answers/summary/index.ts';

// Two outlets' versions of one story (composed for the tests).
const SOURCES = [
  `Peru's ombudsman's office said forty-seven people have died in clashes between protesters and security forces since the unrest began in December. Seventeen of them were killed on Monday in the southern city of Juliaca, where demonstrators tried to storm the airport.

Prime Minister Alberto Otárola told Congress the security forces had acted within the law. Human rights groups called for an independent investigation.`,
  `At least 17 people were killed in Juliaca on Monday, health officials said, the deadliest single day since the protests began. Hospitals in the Puno region reported 68 injured, several with gunshot wounds. A curfew will run from 8 p.m. to 4 a.m. for three days.`,
];
const FAITHFUL = 'Peru’s ombudsman says 47 people have died in clashes with security forces since December, seventeen of them in Juliaca on Monday.';
const INVENTED = 'At least 62 dead as clashes in Juliaca leave 17 killed on Monday.';
const KEY = 'sk-test-0123456789abcdef';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}
let seen: Seen[] = [];
/** What the stand-in server does with the next chat completion. */
let reply: (res: ServerResponse) => void = () => {};
const completion = (content: unknown) => (res: ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(
    JSON.stringify({ id: 'x', object: 'chat.completion', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }),
  );

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: unknown = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = Buffer.concat(chunks).toString('utf8');
    }
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    reply(res);
  });
});
let base = '';

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen = [];
  reply = completion(FAITHFUL);
});

const config = (extra: Partial<LlmConfig> = {}): LlmConfig => ({ baseUrl: base, model: 'qwen2.5:3b-instruct', apiKey: KEY, ...extra });

test('a faithful answer is used; the request carries model, prompt, texts and the Bearer key', async () => {
  const llm = createLlmSummarizer(config());
  assert.ok(llm);
  const result = await summarize(SOURCES, { llm });
  assert.deepEqual(result, { text: FAITHFUL, method: 'llm' });

  assert.equal(seen.length, 1);
  const req = seen[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.url, '/v1/chat/completions');
  assert.equal(req.headers.authorization, `Bearer ${KEY}`);
  assert.match(String(req.headers['content-type']), /application\/json/);
  assert.equal(req.body.model, 'qwen2.5:3b-instruct');
  assert.equal(req.body.stream, false);
  const [system, user] = req.body.messages;
  assert.equal(system.role, 'system');
  assert.match(system.content, /number/i);
  assert.match(system.content, /sentence/i);
  assert.equal(user.role, 'user');
  assert.ok(user.content.includes('forty-seven people have died'), user.content);
  assert.ok(user.content.includes('At least 17 people were killed in Juliaca'), user.content);
});

test('a trailing slash on the base URL and no API key: no Authorization header', async () => {
  const llm = createLlmSummarizer(config({ baseUrl: `${base}/`, apiKey: null }));
  assert.ok(llm);
  assert.equal(await llm(SOURCES), FAITHFUL);
  assert.equal(seen[0]!.url, '/v1/chat/completions');
  assert.equal(seen[0]!.headers.authorization, undefined);
});

test('an answer with an invented number falls back to the extractive summary', async () => {
  reply = completion(INVENTED);
  const llm = createLlmSummarizer(config());
  const result = await summarize(SOURCES, { llm });
  assert.equal(result.method, 'extractive');
  assert.equal(result.text, summarizeExtractive(SOURCES));
  assert.ok(!result.text.includes('62'));
  assert.equal(seen.length, 1);
});

test('HTTP 500, malformed JSON, a wrong shape, an empty answer: fall back', async () => {
  const failures: Record<string, (res: ServerResponse) => void> = {
    'HTTP 500': (res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"model crashed"}}'),
    'HTTP 401': (res) => res.writeHead(401).end(),
    'not JSON': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [{"message": {"content": "Peru'),
    'no choices': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": []}'),
    'content null': completion(null),
    'empty answer': completion('   '),
    'only reasoning': completion('<think>47 dead, 17 in Juliaca</think>'),
  };
  for (const [name, fail] of Object.entries(failures)) {
    reply = fail;
    const reasons: string[] = [];
    const llm = createLlmSummarizer(config({ onError: (r) => reasons.push(r) }));
    assert.equal(await llm!(SOURCES), null, name);
    const result = await summarize(SOURCES, { llm });
    assert.deepEqual(result, { text: summarizeExtractive(SOURCES), method: 'extractive' }, name);
    assert.equal(reasons.length, 2, name);
    for (const r of reasons) assert.ok(!r.includes(KEY), `${name}: key in "${r}"`);
  }
});

test('a 400 for the sampling options (OpenAI reasoning models) is retried once without them', async () => {
  reply = (res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"Unsupported parameter: max_tokens"}}');
  const llm = createLlmSummarizer(config());
  const serve = reply;
  reply = (res) => (seen.at(-1)!.body.max_tokens === undefined ? completion(FAITHFUL)(res) : serve(res));
  assert.deepEqual(await summarize(SOURCES, { llm }), { text: FAITHFUL, method: 'llm' });
  assert.equal(seen.length, 2);
  assert.equal(seen[0]!.body.max_tokens, 300);
  assert.equal(seen[1]!.body.temperature, undefined);
  assert.equal(seen[1]!.body.model, 'qwen2.5:3b-instruct');
  assert.equal(seen[1]!.headers.authorization, `Bearer ${KEY}`);

  // A 400 either way: one retry, then the extractive summary.
  seen = [];
  reply = serve;
  assert.equal((await summarize(SOURCES, { llm })).method, 'extractive');
  assert.equal(seen.length, 2);
});

test('a server that never answers times out and falls back', async () => {
  reply = () => {}; // hold the request open
  const reasons: string[] = [];
  const llm = createLlmSummarizer(config({ timeoutMs: 300, onError: (r) => reasons.push(r) }));
  const started = Date.now();
  const result = await summarize(SOURCES, { llm });
  const elapsed = Date.now() - started;
  assert.equal(result.method, 'extractive');
  assert.equal(result.text, summarizeExtractive(SOURCES));
  assert.ok(elapsed >= 250 && elapsed < 3000, `${elapsed} ms`);
  assert.match(reasons[0] ?? '', /timed out|timeout/i);
});

test('a refused connection falls back', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const llm = createLlmSummarizer(config({ baseUrl: `http://127.0.0.1:${port}/v1` }));
  assert.equal((await summarize(SOURCES, { llm })).method, 'extractive');
});

test('an answer longer than maxChars is not used', async () => {
  reply = completion(`${FAITHFUL} ${'The protests continued in the south. '.repeat(20)}`);
  const result = await summarize(SOURCES, { llm: createLlmSummarizer(config()) });
  assert.equal(result.method, 'extractive');
});

test('reasoning blocks, "Summary:" and surrounding quotes are removed from the answer', async () => {
  reply = completion(`<think>The sources say 47 and 17; maybe 64 in total?</think>\n\nSummary: "${FAITHFUL}"`);
  assert.deepEqual(await summarize(SOURCES, { llm: createLlmSummarizer(config()) }), { text: FAITHFUL, method: 'llm' });
  assert.equal(cleanAnswer('**Resumen:** 47 muertos en Juliaca.'), '47 muertos en Juliaca.');
  assert.equal(cleanAnswer('  «Murieron 47 personas.»\n'), 'Murieron 47 personas.');
});

test('nothing new beyond the known sentences: the model is not asked', async () => {
  const text = 'At least 17 people were killed in Juliaca on Monday, health officials said. A curfew was declared in Puno on Tuesday night.';
  const known = ['At least 17 people were killed in Juliaca on Monday, health officials said.', 'A curfew was declared in Puno on Tuesday night.'];
  const result = await summarize([text], { llm: createLlmSummarizer(config()), known });
  assert.deepEqual(result, { text: '', method: 'extractive' });
  assert.equal(seen.length, 0);
});

test('without an LLM, summarize is the extractive summary (known sentences skipped)', async () => {
  const known = ["Peru's ombudsman's office said forty-seven people have died in clashes between protesters and security forces since the unrest began in December."];
  const result = await summarize(SOURCES, { known });
  assert.equal(result.method, 'extractive');
  assert.equal(result.text, summarizeExtractive(SOURCES, { known }));
  assert.ok(!result.text.includes('forty-seven people have died'), result.text);
  assert.ok(result.text.length > 0);
});

test('configuration: env variables, null when not configured', () => {
  assert.equal(llmConfigFromEnv({}), null);
  assert.equal(llmConfigFromEnv({ CRONISTA_LLM_BASE_URL: 'http://127.0.0.1:11434/v1' }), null);
  assert.equal(llmConfigFromEnv({ CRONISTA_LLM_MODEL: 'llama3.2' }), null);
  assert.deepEqual(llmConfigFromEnv({ CRONISTA_LLM_BASE_URL: 'http://127.0.0.1:11434/v1', CRONISTA_LLM_MODEL: 'llama3.2' }), {
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'llama3.2',
    apiKey: null,
  });
  assert.equal(llmConfigFromEnv({ CRONISTA_LLM_BASE_URL: 'https://api.openai.com/v1', CRONISTA_LLM_MODEL: 'gpt-4o-mini', CRONISTA_LLM_API_KEY: KEY })?.apiKey, KEY);
  assert.equal(createLlmSummarizer(null), null);
  assert.equal(createLlmSummarizer({ baseUrl: '', model: 'm' }), null);
  assert.equal(createLlmSummarizer({ baseUrl: base, model: ' ' }), null);
  assert.equal(createLlmSummarizer({ baseUrl: 'ftp://127.0.0.1/v1', model: 'm' }), null);
  assert.equal(createLlmSummarizer({ baseUrl: 'not a url', model: 'm' }), null);
  assert.equal(typeof createLlmSummarizer({ baseUrl: base, model: 'm' }), 'function');
});

test('verifyNumbers compares values: digits and number words, English and Spanish', () => {
  assert.equal(verifyNumbers('Forty-seven people have died; 17 in Juliaca.', SOURCES), true);
  assert.equal(verifyNumbers('47 people have died, seventeen of them on Monday, and 68 were injured.', SOURCES), true);
  assert.equal(verifyNumbers('62 people have died.', SOURCES), false);
  assert.equal(verifyNumbers('Sixty-two people have died.', SOURCES), false);
  assert.equal(verifyNumbers('47 people have died, 64 in all.', SOURCES), false);
  assert.equal(verifyNumbers('Protests resumed once again after 17 deaths.', SOURCES), true);
  assert.equal(verifyNumbers('Murieron 47 personas, diecisiete de ellas en Juliaca, según la Defensoría.', SOURCES), true);
  assert.equal(verifyNumbers('Murieron once personas en Juliaca.', SOURCES), false);
  assert.equal(verifyNumbers('Murieron cuarenta y siete personas.', ['La cifra de fallecidos llegó a 47.']), true);
  assert.equal(verifyNumbers('A 15-year-old was among the dead.', SOURCES), false);
  assert.equal(verifyNumbers('Turnout reached 40%.', SOURCES), false);
  assert.equal(verifyNumbers('More than 1,200 people marched.', ['Más de 1.200 personas marcharon.']), true);
  assert.equal(verifyNumbers('No figures were given.', SOURCES), true);
});

test('createDigestSummarizer: the (texts, known) shape digests take', async () => {
  const known = ["Peru's ombudsman's office said forty-seven people have died in clashes between protesters and security forces since the unrest began in December."];
  const extractiveOnly = createDigestSummarizer({ llm: null });
  assert.equal(await extractiveOnly(SOURCES, known), summarizeExtractive(SOURCES, { known }));
  assert.equal(seen.length, 0);
  const withLlm = createDigestSummarizer({ llm: createLlmSummarizer(config()) });
  assert.equal(await withLlm(SOURCES, known), FAITHFUL);
  assert.equal(seen.length, 1);
});
