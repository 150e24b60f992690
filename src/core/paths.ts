import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root, whatever the working directory: bundled files (config/, assets/) live under it.
 * This module runs from src/core/ (tsx on the sources) or from dist/src/core/ (the build, `npm run build`):
 * two folders up is the root in the first case and dist/ in the second, which has no package.json.
 */
const twoUp = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Whether this is the build (dist/) rather than the sources run through tsx. */
export const compiled = !existsSync(resolve(twoUp, 'package.json'));
export const packageRoot = compiled ? resolve(twoUp, '..') : twoUp;
export const bundledStoriesDir = resolve(packageRoot, 'config/stories');
export const bundledSampleDir = resolve(packageRoot, 'config/sample/pages');
/** The chart's font (DejaVu Sans, regular and bold). */
export const bundledFontsDir = resolve(packageRoot, 'assets/fonts');
/**
 * The bundled stories as the build read and validated them (scripts/build.mjs), beside the compiled code that
 * validated them; null on the sources (a stale build's file must not stand in for what the sources would read).
 */
export const bundledStoriesParsed = compiled ? resolve(twoUp, 'stories.json') : null;
