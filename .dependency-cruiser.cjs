// The layer rules of NOTES.md ("Layers"), executable: `npm run lint` runs `depcruise` with this file.
// Each folder of src/ is a layer; `allowed` says which layers a layer may import (anything else is one
// `forbidden` rule per layer pair, named `<from>-not-<to>`). Keep the table in NOTES.md in step with it.
/** @type {Record<string, string>} layer name → path pattern */
const layers = {
  core: '^src/core/',
  sources: '^src/sources/',
  documents: '^src/documents/',
  facts: '^src/facts/',
  timeline: '^src/timeline/',
  answers: '^src/answers/',
  stores: '^src/stores/',
  pipeline: '^src/pipeline/',
  platforms: '^src/platforms/',
  commands: '^commands/',
};

/**
 * Which layers each layer may import (besides itself). The top — the composition root (src/app.ts) and the
 * CLI (src/cli.ts, src/cli/) — may import all of them, and is imported by nothing but the CLI and bin/.
 */
const allowed = {
  core: [], // a leaf: contracts, errors, logger, config schema (see core-contract-types-only below)
  sources: ['core'],
  documents: ['core', 'sources'],
  facts: ['core', 'documents'],
  timeline: ['core', 'documents', 'facts', 'stores'],
  answers: ['core', 'sources', 'documents', 'facts', 'timeline', 'stores'],
  stores: ['core', 'documents', 'facts', 'timeline'],
  pipeline: ['core', 'sources', 'documents', 'facts', 'timeline', 'answers', 'stores', 'platforms'],
  platforms: ['core', 'facts', 'timeline', 'answers'],
  commands: ['core', 'facts', 'timeline', 'answers', 'stores', 'pipeline'],
};

const layerPairs = Object.entries(allowed).flatMap(([from, may]) =>
  Object.keys(layers)
    .filter((to) => to !== from && !may.includes(to))
    .map((to) => ({
      name: `${from}-not-${to}`,
      comment: `${from} may import only ${may.length ? may.join(', ') : 'itself'} (NOTES.md, Layers)`,
      severity: 'error',
      from: { path: layers[from] },
      to: {
        path: layers[to],
        // core's own contracts (AppContext, Store) name the store interface and story types: type-only, see below
        ...(from === 'core' && (to === 'stores' || to === 'facts') ? { pathNot: '^src/(stores/store|facts/types)\\.ts$' } : {}),
      },
    })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerPairs,
    {
      name: 'root-only-from-top',
      comment: 'the composition root (src/app.ts) and the CLI are imported by nothing but the CLI and bin/',
      severity: 'error',
      from: { pathNot: '^(src/cli\\.ts|src/cli/|bin/)' },
      to: { path: '^src/(app\\.ts|cli\\.ts|cli/)' },
    },
    {
      name: 'core-contract-types-only',
      comment: 'core names the Store interface and story types in its contracts, as types only',
      severity: 'error',
      from: { path: layers.core },
      to: { path: '^src/(stores/store|facts/types)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'stores-store-only',
      comment: 'the store stores: it names documents, facts and timeline types, and runs none of their code (near-duplicate policy and extraction run in the pipeline, before its transaction)',
      severity: 'error',
      from: { path: layers.stores },
      to: { path: '^src/(documents|facts|timeline)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'concrete-store-only-in-root',
      comment: 'only the composition root and the pipeline construct a concrete store; everything else sees the Store interface',
      severity: 'error',
      from: { pathNot: '^src/(stores/|pipeline/|app\\.ts$)' },
      to: { path: '^src/stores/(?!store\\.ts$)' },
    },
    {
      name: 'chat-libraries-only-in-platforms',
      comment: 'discord.js and grammY belong to their platform adapters',
      severity: 'error',
      from: { pathNot: layers.platforms },
      to: { path: 'node_modules/(discord\\.js|@discordjs|grammy|@grammyjs)/' },
    },
    {
      name: 'sqlite-only-in-stores',
      comment: 'the SQLite binding belongs to the store implementation',
      severity: 'error',
      from: { pathNot: layers.stores },
      to: { path: 'node_modules/better-sqlite3/' },
    },
    {
      name: 'postgres-only-in-stores',
      comment: 'the PostgreSQL driver belongs to the store implementation',
      severity: 'error',
      from: { pathNot: layers.stores },
      to: { path: 'node_modules/(pg|pg-[a-z-]+|@types/pg)/' },
    },
    {
      name: 'queue-only-in-pipeline',
      comment: 'BullMQ and ioredis (distributed mode) belong to the pipeline\'s queue module (src/pipeline/queue/); the composition root only chooses it',
      severity: 'error',
      from: { pathNot: '^src/pipeline/queue/' },
      to: { path: 'node_modules/(bullmq|ioredis)/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles (through types too)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^tests/fixtures/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
