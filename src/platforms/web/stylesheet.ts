import { readFileSync } from 'node:fs';

/** The pages' one stylesheet (served at /assets/site.css, written by the static export). */
export const STYLESHEET = readFileSync(new URL('./site.css', import.meta.url), 'utf8');

/** The pages' icon (served at /assets/icon.svg, written by the static export): without one browsers ask for a missing /favicon.ico. */
export const ICON = readFileSync(new URL('./icon.svg', import.meta.url), 'utf8');
