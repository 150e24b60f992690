/**
 * The yaml package, loaded on first use: a start with no YAML to read (`cronista ask "/help"` without a configuration
 * file, the bundled stories read from the build's stories.json) does not load its ~70 modules. Synchronous, for the
 * configuration and story loaders that are (yaml ships a CommonJS build for Node).
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

let loaded: Yaml | null = null;

export function yaml(): Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as Yaml;
  return loaded;
}
