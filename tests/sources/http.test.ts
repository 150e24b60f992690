import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchResource } from '../../src/sources/http.ts';
import { SourceError } from '../../src/core/errors.ts';

const FEED = '<rss version="2.0"><channel><title>t</title></channel></rss>';
let bigBytesSent = 0;
let base = '';

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/feed': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Wed, 01 Jan 2025 00:00:00 GMT') {
      res.writeHead(304, { etag: '"v1"' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' });
    res.end(FEED);
  },
  // 64 MiB of chunks with no Content-Length; the server records how much it managed to write.
  '/big': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let left = 1024;
    const pump = () => {
      while (left > 0) {
        left--;
        bigBytesSent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (left = 0));
    pump();
  },
  '/declared-big': (_req, res) => {
    res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
    res.write('x');
  },
  '/stall': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.write('<rss');
  },
  '/stall-headers': () => {},
  '/redirect': (_req, res) => res.writeHead(301, { location: '/hop' }).end(),
  '/hop': (_req, res) => res.writeHead(302, { location: `${base}/feed` }).end(),
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  '/to-ftp': (_req, res) => res.writeHead(302, { location: 'ftp://example.com/feed' }).end(),
};

const server = createServer((req, res) => {
  const route = routes[req.url ?? ''];
  if (route) route(req, res);
  else res.writeHead(404, { 'content-type': 'text/plain' }).end('nope');
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SourceError, `expected SourceError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

test('fetches a body with its content type and validators', async () => {
  const res = await fetchResource(`${base}/feed`);
  assert.equal(res.status, 200);
  assert.equal(res.notModified, false);
  assert.equal(Buffer.from(res.bytes).toString('utf8'), FEED);
  assert.equal(res.contentType, 'application/rss+xml; charset=utf-8');
  assert.equal(res.etag, '"v1"');
  assert.equal(res.lastModified, 'Wed, 01 Jan 2025 00:00:00 GMT');
  assert.equal(res.url, `${base}/feed`);
});

test('ETag → 304 gives notModified and keeps the validators', async () => {
  const res = await fetchResource(`${base}/feed`, { etag: '"v1"' });
  assert.equal(res.status, 304);
  assert.equal(res.notModified, true);
  assert.equal(res.bytes.byteLength, 0);
  assert.equal(res.etag, '"v1"');
});

test('Last-Modified → 304 gives notModified', async () => {
  const res = await fetchResource(`${base}/feed`, { lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' });
  assert.equal(res.notModified, true);
  assert.equal(res.lastModified, 'Wed, 01 Jan 2025 00:00:00 GMT');
});

test('a body over the cap is refused without reading it all', async () => {
  await rejectsWith(fetchResource(`${base}/big`, { maxBytes: 256 * 1024 }), /^response larger than 256 KiB$/);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(bigBytesSent < 16 * 1024 * 1024, `server wrote ${bigBytesSent} bytes of 64 MiB`);
});

test('a declared Content-Length over the cap is refused at once', async () => {
  await rejectsWith(fetchResource(`${base}/declared-big`), /^response larger than 10 MiB$/);
});

test('a server that stalls mid-body times out', async () => {
  const started = Date.now();
  await rejectsWith(fetchResource(`${base}/stall`, { timeoutMs: 300 }), /^timed out after 0\.3 s$/);
  assert.ok(Date.now() - started < 2000);
});

test('a server that never answers times out', async () => {
  await rejectsWith(fetchResource(`${base}/stall-headers`, { timeoutMs: 300 }), /^timed out after 0\.3 s$/);
});

test('redirects are followed and the final URL reported', async () => {
  const res = await fetchResource(`${base}/redirect`);
  assert.equal(res.status, 200);
  assert.equal(res.url, `${base}/feed`);
  assert.equal(Buffer.from(res.bytes).toString('utf8'), FEED);
});

test('a redirect loop stops after 5 hops', async () => {
  await rejectsWith(fetchResource(`${base}/loop`), /^more than 5 redirects$/);
});

test('404 gives a clear error', async () => {
  await rejectsWith(fetchResource(`${base}/missing`), /^HTTP 404 Not Found$/);
});

test('only http: and https: URLs, also after a redirect', async () => {
  await rejectsWith(fetchResource('file:///etc/passwd'), /only http: and https:/);
  await rejectsWith(fetchResource(`${base}/to-ftp`), /only http: and https:/);
});

test('a refused connection is a SourceError', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await rejectsWith(fetchResource(`http://127.0.0.1:${port}/`), /could not fetch 127\.0\.0\.1:\d+: ECONNREFUSED/);
});
