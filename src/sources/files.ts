import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { SourceError } from '../core/errors.ts';

/** Extensions a directory import reads; a feed is recognised by content, whatever its name. */
const IMPORTABLE = new Set(['.txt', '.text', '.html', '.htm', '.xhtml', '.md', '.markdown', '.xml', '.rss', '.atom', '.rdf', '.feed']);

/** Files to import under a path: the file itself, or every importable file below a directory, sorted. */
export async function listImportFiles(path: string): Promise<string[]> {
  const absolute = resolve(path);
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(path, code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${code ?? String(error)}`);
  }
  if (info.isFile()) return [absolute];
  if (!info.isDirectory()) throw new SourceError(path, 'not a file or directory');
  const found: string[] = [];
  await walk(absolute, found);
  return found.sort();
}

async function walk(dir: string, found: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, found);
    else if (entry.isFile() && IMPORTABLE.has(extname(entry.name).toLowerCase())) found.push(path);
  }
}

export type PageFormat = 'html' | 'markdown' | 'text';

/** How to read a page that is not a feed: by extension, or by content when the extension says nothing. */
export function pageFormat(path: string, text: string): PageFormat {
  const extension = extname(path).toLowerCase();
  if (['.html', '.htm', '.xhtml'].includes(extension)) return 'html';
  if (['.md', '.markdown'].includes(extension)) return 'markdown';
  if (/^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 2048))) return 'html';
  return 'text';
}
