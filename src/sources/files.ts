import { fileTypeFromBuffer } from 'file-type';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { SourceError } from '../core/errors.ts';
import type { Decoded } from './decode.ts';

/** Extensions a directory import reads; a feed is recognized by content, whatever its name. */
const IMPORTABLE = new Set(['.txt', '.text', '.html', '.htm', '.xhtml', '.md', '.markdown', '.xml', '.rss', '.atom', '.rdf', '.feed']);

/** What a path holds for import: its files, and (for a directory) the files left out for their type. */
export interface ImportFiles {
  files: string[];
  /** Files below a directory whose extension is not one Cronista reads (images, PDFs, archives…). */
  skipped: string[];
}

/**
 * Files to import under a path: the file itself (whatever its name: its content is checked when read),
 * or every importable file below a directory, sorted, with the others counted as skipped.
 */
export async function listImportFiles(path: string): Promise<ImportFiles> {
  const absolute = resolve(path);
  let info;
  try {
    info = await stat(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(path, code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${code ?? String(error)}`);
  }
  if (info.isFile()) return { files: [absolute], skipped: [] };
  if (!info.isDirectory()) throw new SourceError(path, 'not a file or directory');
  const found: ImportFiles = { files: [], skipped: [] };
  await walk(absolute, found);
  found.files.sort();
  found.skipped.sort();
  return found;
}

async function walk(dir: string, found: ImportFiles): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, found);
    else if (entry.isFile()) (IMPORTABLE.has(extname(entry.name).toLowerCase()) ? found.files : found.skipped).push(path);
  }
}

/** Control characters that never occur in text (all C0 but tab, line feed, form feed and carriage return). */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

/**
 * Refuses (SourceError, one line) a file that is not text: a known binary format by its magic bytes
 * (file-type: "a PDF document (application/pdf)"), else decoded text with NULs or more than 1 % control
 * characters (random bytes, unknown formats). UTF-16/32 and legacy encodings pass: `decoded` is the
 * text as the decoder read it.
 */
export async function refuseBinary(path: string, bytes: Uint8Array, decoded: Decoded): Promise<void> {
  const type = await fileTypeFromBuffer(bytes.subarray(0, 4100)).catch(() => undefined);
  const hint = 'Cronista reads text, HTML, Markdown and feeds';
  if (type && !/xml|html|text/.test(type.mime)) {
    throw new SourceError(path, `a binary file (${type.ext.toUpperCase()}, ${type.mime}), not text; ${hint}`);
  }
  const sample = decoded.text.slice(0, 65_536);
  const controls = sample.match(CONTROL)?.length ?? 0;
  if (sample.includes('\u0000') || controls > sample.length / 100) {
    throw new SourceError(path, `a binary file (not text); ${hint}`);
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
