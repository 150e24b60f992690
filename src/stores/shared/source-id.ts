/** Source ids, the same in every store: derived from a source's kind and URL, numbered when taken. */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A short, readable, stable id for a source ("file-003-a8d5d5fd07ea67f5", "feed-example-org-rss"). */
export function sourceIdFor(kind: string, url: string, taken: (id: string) => boolean): string {
  const base = `${kind}-${slug(describe(url))}`.slice(0, 48).replace(/-+$/, '');
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    if (!taken(`${base}-${n}`)) return `${base}-${n}`;
  }
}

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return basename(fileURLToPath(parsed)).replace(/\.[a-z0-9]+$/i, '');
    return `${parsed.hostname.replace(/^www\./, '')}${parsed.pathname}`;
  } catch {
    return url;
  }
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
