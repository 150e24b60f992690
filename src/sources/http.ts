import { STATUS_CODES } from 'node:http';
import { errors, request, type Dispatcher } from 'undici';
import { CronistaError, SourceError, errorMessage } from '../core/errors.ts';

export interface FetchOptions {
  /** Budget for the whole fetch, redirects and body included. Default 20 000 ms. */
  timeoutMs?: number;
  /** Largest body accepted; the download stops as soon as it is exceeded. Default 10 MiB. */
  maxBytes?: number;
  /** Validators from the previous fetch, for a conditional request (304 → notModified). */
  etag?: string | null;
  lastModified?: string | null;
  userAgent?: string;
  /** Accept header; default: feeds first, then HTML, then anything. */
  accept?: string;
  /** undici dispatcher for every request (the SSRF guard's agent re-checks the address at connect time). */
  dispatcher?: Dispatcher;
  /**
   * Checks the first URL and every redirect target before it is requested, instead of the default
   * http(s)-only check (so it must refuse other schemes itself); throws to refuse (the error is thrown as is).
   */
  checkUrl?: (url: string) => Promise<URL>;
}

/** How a fetch is done: `fetchResource`, or the SSRF-guarded `fetchGuarded` (src/sources/ssrf.ts). */
export type Fetcher = (url: string, opts?: FetchOptions) => Promise<FetchedResource>;

export interface FetchedResource {
  status: number;
  notModified: boolean;
  bytes: Uint8Array;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** The URL finally read, after redirects. */
  url: string;
}

const MAX_REDIRECTS = 5;
const USER_AGENT = 'Cronista/0.1 (news digest bot)';
const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(2)} KiB`;
  return `${bytes} bytes`;
}

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | null => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
};

function checkedUrl(url: string, source: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceError(source, `not a valid URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SourceError(source, `only http: and https: URLs can be fetched, not ${parsed.protocol}`);
  }
  return parsed;
}

type Body = AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown; on(event: 'error', fn: () => void): unknown };

/** Stops a download. undici then emits "Request aborted" on the body, which is ours and expected. */
function discard(body: Body): void {
  body.on('error', () => {});
  body.destroy();
}

/** Reads the body up to `maxBytes`; refuses (and stops downloading) beyond it. */
async function readCapped(body: Body, maxBytes: number, source: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      discard(body);
      throw new SourceError(source, `response larger than ${size(maxBytes)}`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * GETs an http(s) resource: follows up to 5 redirects, sends If-None-Match/If-Modified-Since when given
 * validators, and throws SourceError for HTTP errors ("HTTP 404 Not Found"), timeouts ("timed out after
 * 20 s"), oversized bodies ("response larger than 10 MiB") and network failures.
 */
export async function fetchResource(url: string, opts: FetchOptions = {}): Promise<FetchedResource> {
  const { timeoutMs = 20_000, maxBytes = 10 * 1024 * 1024, etag, lastModified, userAgent = USER_AGENT, accept = ACCEPT, dispatcher, checkUrl } = opts;
  const deadline = Date.now() + timeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = () => new SourceError(url, `timed out after ${+(timeoutMs / 1000).toFixed(1)} s`);
  const check = async (target: string): Promise<URL> => (checkUrl ? checkUrl(target) : checkedUrl(target, url));

  let current = await check(url);
  // Redirects by hand: undici's redirect interceptor doesn't tell us the final URL.
  for (let redirects = 0; ; redirects++) {
    const headers: Record<string, string> = { 'user-agent': userAgent, accept };
    if (etag) headers['if-none-match'] = etag;
    if (lastModified) headers['if-modified-since'] = lastModified;
    const remaining = Math.max(1, deadline - Date.now());
    try {
      const response = await request(current, { headers, signal, headersTimeout: remaining, bodyTimeout: remaining, ...(dispatcher ? { dispatcher } : {}) });
      const { statusCode: status, body } = response;
      const location = header(response.headers, 'location');
      if (status >= 300 && status < 400 && status !== 304 && location) {
        discard(body);
        if (redirects >= MAX_REDIRECTS) throw new SourceError(url, `more than ${MAX_REDIRECTS} redirects`);
        current = await check(new URL(location, current).href);
        continue;
      }
      if (status >= 400) {
        discard(body);
        throw new SourceError(url, `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim());
      }
      const declared = Number(header(response.headers, 'content-length') ?? NaN);
      if (declared > maxBytes) {
        discard(body);
        throw new SourceError(url, `response larger than ${size(maxBytes)}`);
      }
      const notModified = status === 304;
      const bytes = notModified ? (await body.dump(), new Uint8Array()) : await readCapped(body, maxBytes, url);
      return {
        status,
        notModified,
        bytes,
        contentType: header(response.headers, 'content-type'),
        // A 304 need not repeat the validators: the ones we sent still hold.
        etag: header(response.headers, 'etag') ?? (notModified ? (etag ?? null) : null),
        lastModified: header(response.headers, 'last-modified') ?? (notModified ? (lastModified ?? null) : null),
        url: current.href,
      };
    } catch (error) {
      // Ours (SourceError), or a refusal by `checkUrl` or by the dispatcher's connect-time check.
      if (error instanceof CronistaError) throw error;
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof CronistaError) throw cause;
      if (signal.aborted || error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
        throw timedOut();
      }
      const code = (error as { code?: string }).code;
      throw new SourceError(url, `could not fetch ${current.host}: ${code ?? errorMessage(error)}`, { cause: error });
    }
  }
}
