/**
 * What every page shares: the document and its layout, links to sources (only http(s) URLs become links),
 * who reported a figure, and the scroll box around wide tables. Rendered with Preact, which escapes every
 * text and attribute.
 */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { reporterName, reporters } from '../../timeline/point-sources.ts';
import type { DeathPoint, PointSource, TimelineEvent } from '../../timeline/types.ts';
import { webUrl } from '../text-split.ts';
import type { Links } from './links.ts';

export function htmlDocument(body: ComponentChildren): string {
  return `<!doctype html>${renderToString(<>{body}</>)}`;
}

export function Layout({ title, links, children }: { title: string; links: Links; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        <link rel="stylesheet" href={links.css} />
        <link rel="icon" type="image/svg+xml" href={links.icon} />
        {links.feed ? <link rel="alternate" type="application/atom+xml" title="Cronista digests" href={links.feed} /> : null}
      </head>
      <body>
        <header class="site">
          <a href={links.home} class="brand">Cronista</a>
          {links.feed ? <a href={links.feed}>Digest feed</a> : null}
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}

const EXTERNAL = 'noopener noreferrer nofollow ugc';

/** A source's title linked to its page when the page has a web address; plain text otherwise. */
export function SourceLink({ source }: { source: { url: string | null; title: string | null; source: string } }) {
  const href = source.url ? webUrl(source.url)?.href : undefined;
  const label = source.title ?? source.source;
  return href ? (
    <a href={href} rel={EXTERNAL}>
      {label}
    </a>
  ) : (
    <span>{label}</span>
  );
}

/** Who a report is from: "Health Ministry via teleSUR", "RT, citing the Ombudsman", "AP". */
export const whoSays: (source: PointSource) => string = reporterName;

/** The first reporters of a point and how many more (of all of its reports, not only those it keeps). */
export function outlets(point: DeathPoint): string {
  const { named, total } = reporters(point);
  return `${named.join(', ')}${total > named.length ? ` +${total - named.length}` : ''}`;
}

export function eventDate(event: TimelineEvent): string {
  return event.precision === 'day' ? event.date : event.precision === 'month' ? event.date.slice(0, 7) : event.date.slice(0, 4);
}

export function Scroll({ label, children }: { label: string; children: ComponentChildren }) {
  // A wide table scrolls inside its own box on a phone instead of widening the page; focusable so keyboards can scroll it.
  return (
    <div class="scroll" role="region" aria-label={label} tabindex={0}>
      {children}
    </div>
  );
}
