import { Feed } from 'feed';
import { renderToString } from 'preact-render-to-string';
import type { ArchivedDigest } from '../../answers/digest/archive.ts';
import type { Story } from '../../facts/types.ts';
import { webUrl } from '../text-split.ts';
import { serverLinks } from './links.ts';

const HEADINGS = { figure_change: 'Casualty figures', event: 'New events', story: 'Top stories' } as const;

/** One digest as the HTML body of a feed entry (escaped by Preact; only http(s) links). */
function digestHtml(digest: ArchivedDigest): string {
  return renderToString(
    <div>
      {(['figure_change', 'event', 'story'] as const).map((kind) => {
        const entries = digest.entries.filter((entry) => entry.kind === kind);
        if (!entries.length) return null;
        return (
          <section>
            <h3>{HEADINGS[kind]}</h3>
            <ul>
              {entries.map((entry) => (
                <li>
                  <strong>{entry.text}</strong>
                  {entry.summary && entry.summary !== entry.text ? <p>{entry.summary}</p> : null}
                  <p>
                    {entry.sources.slice(0, 5).map((source, i) => {
                      const href = source.url ? webUrl(source.url)?.href : undefined;
                      return (
                        <>
                          {i > 0 ? ' · ' : ''}
                          {href ? <a href={href}>{source.source}</a> : source.source}
                        </>
                      );
                    })}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>,
  );
}

/**
 * The digests Cronista wrote as a feed (Atom by default, RSS 2.0 on request), newest first, so its own output
 * can be followed in a feed reader. `base` is the site's public address (absolute links are required).
 */
export function digestFeed(digests: ArchivedDigest[], stories: Story[], base: string, format: 'atom' | 'rss'): string {
  const at = (path: string) => new URL(path.replace(/^\//, ''), base).href;
  const feed = new Feed({
    id: at('/'),
    title: 'Cronista digests',
    description: 'What Cronista learned about the stories it follows, digest by digest.',
    link: at('/'),
    updated: digests[0] ? new Date(digests[0].writtenAt) : new Date(),
    generator: 'Cronista',
    feedLinks: { atom: at('/feed.xml'), rss: at('/rss.xml') },
  });
  for (const digest of digests) {
    const story = stories.find((candidate) => candidate.id === digest.story);
    const day = (digest.until ?? digest.writtenAt).slice(0, 10);
    feed.addItem({
      title: `What's new${story ? ` — ${story.name}` : ''} (${day})`,
      id: `${at('/feed.xml')}#${encodeURIComponent(digest.id)}`,
      link: story ? at(serverLinks.story(story.id)) : at('/'),
      date: new Date(digest.writtenAt),
      description: digest.entries.slice(0, 3).map((entry) => entry.text).join(' · '),
      content: digestHtml(digest),
    });
  }
  return format === 'atom' ? feed.atom1() : feed.rss2();
}
