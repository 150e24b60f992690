import assert from 'node:assert/strict';
import dns, { type LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import { after, before, test } from 'node:test';
import { OVERRIDES_KEY } from '../../src/core/config-overrides.ts';
import { allowListFromEnv, checkPublicUrl, fetchGuarded, internalAddressReason, parseIp } from '../../src/sources/ssrf.ts';
import { rss, startFeedServer, type FeedServer } from '../fixtures/feed-server.ts';
import { answerText, documentCount, errorText, harness, isError, operator, telegramAdmin, withAllowHosts } from './helpers.ts';

let server: FeedServer;
let redirector: Server;
let redirectBase = '';
before(async () => {
  server = await startFeedServer();
  server.feed('/feed.xml', rss('Local', [{ title: 'One', link: 'https://x.example/1', date: '2023-01-01T00:00:00Z', text: 'One.' }]));
  // Redirects to wherever ?to= says: a public-looking start that ends somewhere internal.
  redirector = createServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
    res.writeHead(302, { location: to }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  redirectBase = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
});
after(async () => {
  await server.close();
  redirector.closeAllConnections();
  await new Promise<void>((resolve) => redirector.close(() => resolve()));
});

/** Replaces node:dns lookup (also for the named import in src/sources/ssrf.ts) while `fn` runs. */
async function withDns<T>(answer: (host: string) => string[], fn: () => Promise<T>): Promise<T> {
  const original = dns.lookup;
  const fake = ((host: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (e: Error | null, a: LookupAddress[] | string, f?: number) => void;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
    const addresses = answer(host);
    if (addresses.length === 0) return process.nextTick(() => cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []));
    const list = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    process.nextTick(() => (all ? cb(null, list) : cb(null, list[0]!.address, list[0]!.family)));
  }) as typeof dns.lookup;
  dns.lookup = fake;
  syncBuiltinESMExports();
  try {
    return await fn();
  } finally {
    dns.lookup = original;
    syncBuiltinESMExports();
  }
}

test('internal addresses are recognized, IPv4 and IPv6, including IPv4 hidden in IPv6', () => {
  const internal = [
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '224.0.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1', '::127.0.0.1',
  ];
  for (const address of internal) assert.ok(internalAddressReason(address), `${address} is internal`);
  for (const address of ['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450:4001:82b::200e', '::ffff:8.8.8.8']) {
    assert.equal(internalAddressReason(address), null, `${address} is public`);
  }
  assert.match(internalAddressReason('169.254.169.254')!, /link-local/);
  assert.match(internalAddressReason('::1')!, /loopback/);
  assert.deepEqual(parseIp('::ffff:127.0.0.1'), parseIp('::ffff:7f00:1'));
  // Teredo (2001::/32) tunnels to an IPv4 host: refused whatever the addresses inside
  assert.match(internalAddressReason('2001:0:4136:e378:8000:63bf:3fff:fdd2')!, /Teredo/);
  assert.match(internalAddressReason('2001::1')!, /Teredo/);
  assert.equal(internalAddressReason('2001:4860:4860::8888'), null);
  // Private IPv4 addresses written as IPv4-mapped IPv6
  for (const address of ['::ffff:10.0.0.1', '::ffff:192.168.1.1', '::ffff:172.16.0.1', '::ffff:a9fe:a9fe', '::ffff:100.64.0.1']) {
    assert.match(internalAddressReason(address)!, /IPv4 inside IPv6/, address);
  }
  assert.equal(parseIp('example.org'), null);
});

test('checkPublicUrl: literals, names and every resolved address are checked; the allow list takes hosts and CIDRs', async () => {
  const none = allowListFromEnv('');
  const resolve = (map: Record<string, string[]>) => async (host: string) => map[host] ?? [];
  const refused = (url: string, pattern: RegExp, options: Parameters<typeof checkPublicUrl>[1] = { allow: none, resolve: resolve({}) }) =>
    assert.rejects(checkPublicUrl(url, options), (error: Error) => pattern.test(error.message) && !error.message.includes('\n'));

  await refused('http://127.0.0.1:8080/feed', /127\.0\.0\.1 is a loopback address/);
  await refused('http://10.0.0.1/feed', /private/);
  await refused('http://169.254.169.254/latest/meta-data/', /link-local/);
  await refused('http://[::1]/feed', /::1 is a loopback address/);
  await refused('http://[::ffff:127.0.0.1]/feed', /loopback/);
  await refused('http://[::ffff:192.168.0.10]/feed', /private \(IPv4 inside IPv6\) address/);
  await refused('http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/feed', /Teredo tunnel address/);
  await refused('http://teredo.example/feed', /teredo\.example \(2001::abcd\) is a Teredo tunnel address/, { allow: none, resolve: resolve({ 'teredo.example': ['2001::abcd'] }) });
  await refused('http://localhost:8080/feed', /localhost names a local or internal host/);
  await refused('http://LOCALHOST./feed', /localhost names a local or internal host/);
  // Other spellings of 127.0.0.1 that URL parsing normalizes.
  for (const spelling of ['http://0x7f000001/', 'http://2130706433/', 'http://127.1/', 'http://0177.0.0.1/']) await refused(spelling, /127\.0\.0\.1 is a loopback address/);
  await refused('http://api.localhost/feed', /local or internal host/);
  await refused('http://intranet/feed', /local or internal host/);
  await refused('file:///etc/passwd', /only http\(s\)/);
  await refused('gopher://example.org/', /only http\(s\)/);
  await refused('http://user:pw@example.org/feed', /user name or password/);
  await refused('http://sneaky.example/feed', /sneaky\.example \(10\.2\.3\.4\) is a private address/, { allow: none, resolve: resolve({ 'sneaky.example': ['10.2.3.4'] }) });
  await refused('http://mixed.example/feed', /mixed\.example \(fe80::1\) is a link-local/, { allow: none, resolve: resolve({ 'mixed.example': ['93.184.216.34', 'fe80::1'] }) });
  await refused('http://nowhere.example/feed', /Cannot resolve nowhere\.example/);

  assert.equal((await checkPublicUrl('https://news.example/rss', { allow: none, resolve: resolve({ 'news.example': ['93.184.216.34', '2606:2800:220:1::1'] }) })).hostname, 'news.example');
  // Allow list: an exact IP, a CIDR, a host name.
  await checkPublicUrl('http://127.0.0.1:1/x', { allow: allowListFromEnv('127.0.0.1'), resolve: resolve({}) });
  await checkPublicUrl('http://10.9.8.7/x', { allow: allowListFromEnv(' 10.0.0.0/8 , 192.168.0.0/16'), resolve: resolve({}) });
  await checkPublicUrl('http://[fd00::5]/x', { allow: allowListFromEnv('fd00::/8'), resolve: resolve({}) });
  await checkPublicUrl('http://feeds.lan/x', { allow: allowListFromEnv('feeds.lan'), resolve: resolve({ 'feeds.lan': ['192.168.1.9'] }) });
  await checkPublicUrl('http://internal.example/x', { allow: allowListFromEnv('192.168.1.0/24'), resolve: resolve({ 'internal.example': ['192.168.1.9'] }) });
  await refused('http://10.9.8.7/x', /private/, { allow: allowListFromEnv('10.0.0.0/16'), resolve: resolve({}) });
  await refused('http://127.0.0.2/x', /loopback/, { allow: allowListFromEnv('127.0.0.1'), resolve: resolve({}) });
});

test('/feeds add from chat: 127.0.0.1 refused without CRONISTA_ALLOW_HOSTS, allowed with it; a refusal changes nothing', async () => {
  const h = harness();
  try {
    const url = server.url('/feed.xml');
    const refused = await withAllowHosts(undefined, () => h.run(telegramAdmin, 'feeds add', { url }));
    assert.ok(isError(refused));
    assert.equal(refused.ephemeral, true);
    assert.match(errorText(refused), /^Refused: 127\.0\.0\.1 is a loopback address; .*CRONISTA_ALLOW_HOSTS/);
    assert.ok(!errorText(refused).includes('\n'));
    assert.equal(await h.app.store.kv.get(OVERRIDES_KEY), undefined);
    assert.deepEqual((await h.app.settings.effective()).sources, []);

    const bad = ['http://10.0.0.1/feed.xml', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/feed.xml', 'http://localhost:8080/feed.xml', 'http://0.0.0.0/feed.xml'];
    // Allowing 127.0.0.1 allows nothing else (the IPv4-mapped form of 127.0.0.1 is that same host).
    for (const [allow, urls] of [[undefined, [...bad, 'http://[::ffff:127.0.0.1]/feed.xml']], ['127.0.0.1', bad]] as const) {
      for (const url of urls) {
        const answer = await withAllowHosts(allow, () => h.run(telegramAdmin, 'feeds add', { url }));
        assert.ok(isError(answer), `${url} refused (allow ${allow})`);
        assert.match(errorText(answer), /^Refused: /, url);
      }
    }
    assert.equal(await h.app.store.kv.get(OVERRIDES_KEY), undefined, 'no refused call changed anything');

    const allowed = await withAllowHosts('127.0.0.1', () => h.run(telegramAdmin, 'feeds add', { url }));
    assert.ok(!isError(allowed), errorText(allowed));
    // Allowed by range, so it is tried; nothing answers there, which is said before anything is subscribed.
    const cidr = await withAllowHosts('10.0.0.0/8, 127.0.0.0/8', () => h.run(telegramAdmin, 'feeds add', { url: 'http://127.0.0.5:1234/other.xml' }));
    assert.match(errorText(cidr), /^Could not read http:\/\/127\.0\.0\.5:1234\/other\.xml: .*ECONNREFUSED; nothing was subscribed\.$/);
    const notInRange = await withAllowHosts('10.0.0.0/8', () => h.run(telegramAdmin, 'feeds add', { url: 'http://127.0.0.5:1234/third.xml' }));
    assert.match(errorText(notInRange), /loopback/);
    const byName = await withAllowHosts('localhost', () => h.run(telegramAdmin, 'feeds add', { url: `http://localhost:${server.port}/feed.xml` }));
    assert.ok(!isError(byName), errorText(byName));
    assert.equal((await h.app.settings.effective()).sources.length, 2);
  } finally {
    await h.close();
  }
});

test('the console operator is trusted: no guard on its URLs', async () => {
  const h = harness();
  try {
    const answer = await withAllowHosts(undefined, () => h.run(operator, 'feeds add', { url: server.url('/feed.xml') }));
    assert.ok(!isError(answer), errorText(answer));
    const preview = await withAllowHosts(undefined, () => h.run(operator, 'feeds test', { url: server.url('/feed.xml') }));
    assert.ok(!isError(preview), errorText(preview));
  } finally {
    await h.close();
  }
});

test('host names are checked after DNS resolution (node:dns), on every address', async () => {
  const h = harness();
  try {
    const answers: Record<string, string[]> = {
      'rebound.example': ['10.1.2.3'],
      'dual.example': ['93.184.216.34', '::1'],
      'public.example': ['93.184.216.34'],
    };
    await withDns((host) => answers[host] ?? [], async () => {
      await withAllowHosts(undefined, async () => {
        assert.match(errorText(await h.run(telegramAdmin, 'feeds add', { url: 'http://rebound.example/feed' })), /rebound\.example \(10\.1\.2\.3\) is a private address/);
        assert.match(errorText(await h.run(telegramAdmin, 'feeds add', { url: 'https://dual.example/feed' })), /dual\.example \(::1\) is a loopback address/);
        assert.match(errorText(await h.run(telegramAdmin, 'feeds add', { url: 'https://missing.example/feed' })), /Cannot resolve missing\.example \(ENOTFOUND\)/);
        assert.equal(await h.app.store.kv.get(OVERRIDES_KEY), undefined);
        // A public address passes the guard (no connection made here: tests never reach the internet).
        assert.equal((await checkPublicUrl('https://public.example/feed')).hostname, 'public.example');
      });
    });
  } finally {
    await h.close();
  }
});

test('a chat fetch re-checks every connection: a name that resolves public first and internal on connect is refused', async () => {
  let calls = 0;
  await withDns(
    (host) => (host === 'flip.example' ? (calls++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']) : []),
    () =>
      withAllowHosts(undefined, async () => {
        await assert.rejects(fetchGuarded(`http://flip.example:${server.port}/feed.xml`, { timeoutMs: 5000 }), /flip\.example \(127\.0\.0\.1\) is a loopback address/);
      }),
  );
  assert.ok(calls >= 2, 'checked before and at connect');
});

test('/feeds test follows redirects only to public hosts, and stores nothing either way', async () => {
  const h = harness();
  try {
    await withAllowHosts('127.0.0.1', async () => {
      server.resetCounts();
      const ok = await h.run(telegramAdmin, 'feeds test', { url: `${redirectBase}/?to=${encodeURIComponent(server.url('/feed.xml'))}` });
      assert.ok(!isError(ok), errorText(ok));
      assert.equal(server.requests('/feed.xml'), 1);
      for (const target of ['http://169.254.169.254/latest/meta-data/', `http://localhost:${server.port}/feed.xml`, 'http://[::1]/x', 'file:///etc/passwd']) {
        const answer = await h.run(telegramAdmin, 'feeds test', { url: `${redirectBase}/?to=${encodeURIComponent(target)}` });
        assert.ok(isError(answer), `redirect to ${target} refused`);
        assert.match(errorText(answer), /Refused: /);
      }
    });
    assert.equal(server.requests('/feed.xml'), 1, 'no refused redirect reached the feed');
    assert.equal(await documentCount(h.app), 0);
    assert.deepEqual(await h.app.store.listSources(), []);
    assert.match(answerText(await h.run(telegramAdmin, 'feeds list')), /No feeds subscribed/);
  } finally {
    await h.close();
  }
});
