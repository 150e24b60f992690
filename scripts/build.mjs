#!/usr/bin/env node
// `npm run build` (also run by `npm ci` / `npm install` through `prepare`): compiles src/ and commands/ to dist/
// (tsconfig.build.json: the `.ts` import specifiers become `.js`; nothing is written when there is a type error),
// copies the other files that sit beside the modules and are read through `import.meta.url` (the pages'
// stylesheet and icon), writes dist/stories.json (the bundled stories, read and validated by the compiled code:
// parsing their YAML was most of a CLI start; a file whose text changed since is parsed again, see
// ParsedStories in src/facts/story.ts), then dist/build.json with the time the build started. bin/cronista.js
// runs dist/ only while no file under src/ or commands/ is newer than that time (bin/entry.js). Bundled files
// outside the sources (config/, assets/) are not copied: src/core/paths.ts finds them at the package root.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const startedAt = Date.now();

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // `prepare` in an install without devDependencies (npm ci --omit=dev): no compiler, so no build; bin/ then
  // runs the sources through tsx. `npm run build` itself must not pass without building.
  process.stderr.write('build skipped: TypeScript is not installed (devDependencies); bin/cronista.js runs the sources through tsx\n');
  process.exit(process.argv.includes('--prepare') ? 0 : 1);
}

// A failed build leaves no stamp: bin/ then runs the sources until a build succeeds.
rmSync(join(dist, 'build.json'), { force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write(`build failed: tsc exited with ${compiled.status ?? compiled.signal}; dist/ is not used until it builds\n`);
  process.exit(1);
}

// tsc leaves some relative `.ts` specifiers of dynamic import() as they are (TypeScript 6.0.3: those inside an
// `export default { … }` object and after it — every command's run(); it also misses `import(…).then`): rewrite
// each to the `.js` file it compiled to, and fail if there is none.
let rewritten = 0;
const leftover = /(\bimport\s*\(\s*|\bfrom\s*)(['"])(\.{1,2}\/[^'"]*?)\.tsx?\2/g;
for (const folder of ['src', 'commands']) {
  for (const entry of readdirSync(join(dist, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(leftover, (_match, head, quote, base) => {
      if (!existsSync(resolve(dirname(file), `${base}.js`))) {
        process.stderr.write(`build failed: ${relative(root, file)} imports ${base}.ts, which did not compile to ${base}.js\n`);
        process.exit(1);
      }
      rewritten += 1;
      return `${head}${quote}${base}.js${quote}`;
    });
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

let copied = 0;
for (const folder of ['src', 'commands']) {
  for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.(ts|tsx)$/.test(entry.name)) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(dist, relative(root, from));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    copied += 1;
  }
}
const { loadStories, loadStory, storyTextKey } = await import(pathToFileURL(join(dist, 'src/facts/story.js')).href);
const storiesDir = join(root, 'config/stories');
const stories = loadStories(storiesDir); // the whole folder, as a start reads it (ids unique)
const parsed = {};
for (const name of readdirSync(storiesDir).filter((file) => /\.ya?ml$/i.test(file))) {
  const path = join(storiesDir, name);
  parsed[storyTextKey(readFileSync(path, 'utf8'))] = loadStory(path);
}
writeFileSync(join(dist, 'stories.json'), `${JSON.stringify(parsed)}\n`);

writeFileSync(join(dist, 'build.json'), `${JSON.stringify({ startedAt: new Date(startedAt).toISOString(), node: process.version }, null, 2)}\n`);
process.stderr.write(`built dist/ in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${rewritten} import specifiers tsc left as .ts rewritten, ${copied} other files copied, ${stories.length} stories read)\n`);
