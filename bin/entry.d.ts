/** Types of bin/entry.js (plain JavaScript: bin/ runs before any TypeScript tooling). */
export declare const root: string;

export interface Entry {
  /** `build`: dist/src/cli.js; `sources`: src/cli.ts through tsx. */
  kind: 'build' | 'sources';
  /** The module to import. */
  url: string;
  /** Why the sources run although CRONISTA_DEV is not set (no build, or a source newer than it); else null. */
  reason: string | null;
}

/** Which CLI bin/cronista.js runs: the build when it is up to date with src/ and commands/, else the sources. */
export declare function chooseEntry(env?: NodeJS.ProcessEnv, dir?: string): Entry;
