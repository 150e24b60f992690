import { storyPagePath } from '../../answers/story-link.ts';

/**
 * Where the pages link to. The server uses absolute paths; a static export uses paths relative to the page,
 * so the files work from any folder of any static host.
 */
export interface Links {
  home: string;
  css: string;
  icon: string;
  /** Null in a static export made without a public address (a feed needs absolute links). */
  feed: string | null;
  story(id: string): string;
  deathsJson(id: string): string;
  timelineJson(id: string): string;
  /** The live server filters the timeline; a static export has no server to ask. */
  canFilter: boolean;
}

const segment = (id: string) => encodeURIComponent(id);

export const serverLinks: Links = {
  home: '/',
  css: '/assets/site.css',
  icon: '/assets/icon.svg',
  feed: '/feed.xml',
  story: (id) => `/${storyPagePath(id)}`,
  deathsJson: (id) => `/stories/${segment(id)}/deaths.json`,
  timelineJson: (id) => `/stories/${segment(id)}/timeline.json`,
  canFilter: true,
};

/** Links for a page `depth` folders below the export's root (index.html: 0; stories/<id>/index.html: 2). */
export function exportLinks(depth: number, withFeed: boolean): Links {
  const up = '../'.repeat(depth);
  return {
    home: `${up}index.html`,
    css: `${up}assets/site.css`,
    icon: `${up}assets/icon.svg`,
    feed: withFeed ? `${up}feed.xml` : null,
    story: (id) => `${up}stories/${segment(id)}/index.html`,
    deathsJson: (id) => `${up}stories/${segment(id)}/deaths.json`,
    timelineJson: (id) => `${up}stories/${segment(id)}/timeline.json`,
    canFilter: false,
  };
}
