import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root, whatever the working directory: bundled config lives under it. */
export const packageRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const bundledStoriesDir = resolve(packageRoot, 'config/stories');
export const bundledSampleDir = resolve(packageRoot, 'config/sample/pages');
