import { readFileSync } from 'node:fs';

/** The pages' one stylesheet (served at /assets/site.css, written by the static export). */
export const STYLESHEET = readFileSync(new URL('./site.css', import.meta.url), 'utf8');
