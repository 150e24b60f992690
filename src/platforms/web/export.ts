import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { deathsJson, deathsQuery } from '../../answers/deaths.ts';
import { readDigestArchive } from '../../answers/digest/archive.ts';
import { mergedTimeline, timelineJson } from '../../answers/timeline.ts';
import type { AppContext } from '../../core/context.ts';
import { InputError } from '../../core/errors.ts';
import { digestFeed } from './feed.tsx';
import { exportLinks } from './links.ts';
import { homePage, storyPageHtml } from './pages.tsx';
import { ICON, STYLESHEET } from './stylesheet.ts';
import { storyOverviews, storyPage, timelineParams } from './site.ts';

export interface ExportReport {
  dir: string;
  files: string[];
}

/**
 * `cronista site export DIR`: the pages the server shows, as files for any static host — index.html,
 * stories/<id>/index.html with the whole timeline (newest first; a static host cannot filter), their
 * deaths.json and timeline.json, the stylesheet, and feed.xml when a public address is known (a feed needs
 * absolute links). Links between the files are relative, so the folder works wherever it is served from.
 */
export async function exportSite(app: AppContext, dir: string, options: { publicUrl?: string } = {}): Promise<ExportReport> {
  const root = resolve(dir);
  const publicUrl = options.publicUrl?.trim();
  if (publicUrl && !/^https?:\/\/[^/\s]/i.test(publicUrl)) throw new InputError(`CRONISTA_PUBLIC_URL: expected an http(s):// address, not "${publicUrl}"`);
  const files: string[] = [];
  const write = async (path: string, content: string) => {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
    files.push(path);
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

  await write('index.html', homePage(await storyOverviews(app), exportLinks(0, Boolean(publicUrl))));
  await write('assets/site.css', STYLESHEET);
  await write('assets/icon.svg', ICON);
  for (const story of app.stories) {
    const base = `stories/${encodeURIComponent(story.id)}`;
    await write(`${base}/index.html`, storyPageHtml(await storyPage(app, story, timelineParams({})), exportLinks(2, Boolean(publicUrl))));
    await write(`${base}/deaths.json`, json(await deathsJson(app, deathsQuery(app, { story: story.id }))));
    await write(`${base}/timeline.json`, json(timelineJson(story, await mergedTimeline(app, story))));
  }
  if (publicUrl) {
    const { digests } = await readDigestArchive(app.store.kv);
    await write('feed.xml', digestFeed(digests, app.stories, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`, 'atom'));
  }
  return { dir: root, files };
}
