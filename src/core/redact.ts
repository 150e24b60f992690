/**
 * URLs as they may be shown or logged: a feed address can carry a key in its query string
 * (`?key=…`, `?token=…`) or credentials in its user-info (`https://user:pass@host/`). The store keeps
 * them whole; everything a person or a log reads goes through here.
 *
 * Written by hand: it is a few lines over WHATWG `URL`, and what to keep (host, path, parameter names)
 * is our choice rather than a library's.
 */
import { createHash } from 'node:crypto';

/** What stands in for a hidden value. */
export const HIDDEN = '…';

/**
 * `url` without user-info, with every query value and the fragment hidden; parameter names stay so
 * an admin can tell feeds apart. Anything that is not an absolute URL is returned as it is.
 *
 *     redactUrl('https://me:pw@example.org/rss?key=SECRET&lang=es#x') === 'https://example.org/rss?key=…&lang=…#…'
 */
export function redactUrl(url: string): string {
  const scheme = /^([a-z][\w+.-]*:\/\/)(.*)$/is.exec(url);
  if (!scheme) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not parseable: cut user-info, query and fragment textually.
    return `${scheme[1]}${scheme[2]!.replace(/^[^/?#]*@/, '').replace(/([?#]).*$/s, `$1${HIDDEN}`)}`;
  }
  if (!parsed.username && !parsed.password && !parsed.search && !parsed.hash) return url;
  const query = parsed.search
    ? `?${parsed.search
        .slice(1)
        .split('&')
        .map((pair) => {
          const name = pair.split('=')[0] ?? '';
          return pair.includes('=') ? `${name}=${HIDDEN}` : name ? HIDDEN : '';
        })
        .join('&')}`
    : '';
  const authority = parsed.host ? `//${parsed.host}` : '';
  return `${parsed.protocol}${authority}${parsed.pathname}${query}${parsed.hash ? `#${HIDDEN}` : ''}`;
}

/** Whether showing `url` hides something of it. */
export function hasSecrets(url: string): boolean {
  return redactUrl(url) !== url;
}

// Stops before whitespace, quotes and angle brackets; trailing sentence punctuation is not part of it.
const URL_IN_TEXT = /\b[a-z][\w+.-]*:\/\/[^\s"'<>`]+/gi;

/** Every URL in a free text (an error message, a log line) redacted. */
export function redactUrlsIn(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (match) => {
    const trail = /[.,;:!?)\]}]+$/.exec(match)?.[0] ?? '';
    const url = trail ? match.slice(0, -trail.length) : match;
    return `${redactUrl(url)}${trail}`;
  });
}

/**
 * A name for `url` that is safe to show and still unique: the redacted URL, plus a short digest of the
 * whole one when something was hidden (two feeds differing only in their keys stay apart).
 */
export function safeUrlName(url: string): string {
  const shown = redactUrl(url);
  if (shown === url) return url;
  return `${shown} #${createHash('sha256').update(url).digest('hex').slice(0, 6)}`;
}
