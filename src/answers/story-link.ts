import type { AnswerLink } from '../core/answer.ts';

/** The path of a story's page on the web server (src/platforms/web/), relative to its root. */
export function storyPagePath(storyId: string): string {
  return `stories/${encodeURIComponent(storyId)}`;
}

/**
 * The link chat answers end with: the story's page under CRONISTA_PUBLIC_URL (none when it is unset or not an
 * http(s) address), with the answer's filters as the page's own (`from`, `to`, `q`, `place`).
 */
export function storyPageLink(
  storyId: string | undefined,
  filters: Record<string, string | undefined> = {},
  label = 'Open the story page',
  env: NodeJS.ProcessEnv = process.env,
): AnswerLink | undefined {
  const base = env.CRONISTA_PUBLIC_URL?.trim();
  if (!storyId || !base || !/^https?:\/\/[^/\s]/i.test(base)) return undefined;
  let url: URL;
  try {
    url = new URL(storyPagePath(storyId), base.endsWith('/') ? base : `${base}/`);
  } catch {
    return undefined;
  }
  for (const [name, value] of Object.entries(filters)) if (value) url.searchParams.set(name, value);
  return { label, url: url.href };
}
