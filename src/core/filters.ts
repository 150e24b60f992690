import { LRUCache } from 'lru-cache';
import vm from 'node:vm';
import { InputError } from './errors.ts';

/** A destination's include/exclude rules: plain keywords (whole words, any case) or /regex/flags. */
export interface DigestFilters {
  include?: string[];
  exclude?: string[];
}

/** A regex that takes longer than this on one entry is treated as not matching, and says so. */
const REGEX_TIME_LIMIT_MS = 50;

interface Rule {
  source: string;
  test(text: string): boolean | 'timeout';
}

/**
 * Compiled rules by their text. The configuration is validated on every read (and every rule with it),
 * and each digest tests every entry: a rule is compiled once, when it first appears (a configuration
 * change), and reused until it falls out of this bounded cache.
 */
const compiled = new LRUCache<string, Rule>({ max: 1000 });
let compilations = 0;

/** How many rules were compiled since start (each distinct rule once while cached): for tests and diagnostics. */
export function ruleCompilations(): number {
  return compilations;
}

/** The rule compiled (once: see `compiled`); a regex that does not compile is an InputError naming it. */
export function compileRule(rule: string): Rule {
  let found = compiled.get(rule);
  if (!found) {
    found = compileRuleNow(rule);
    compilations++;
    compiled.set(rule, found);
  }
  return found;
}

function compileRuleNow(rule: string): Rule {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(rule.trim());
  if (regex) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(regex[1]!, regex[2]!.replace(/[gy]/g, ''));
    } catch (error) {
      throw new InputError(`Filter ${rule} is not a valid regular expression: ${(error as Error).message}`);
    }
    const context = vm.createContext({ pattern, text: '' });
    const script = new vm.Script('pattern.test(text)');
    return {
      source: rule,
      // Patterns come from chat: run them where a catastrophic one can be stopped.
      test(text) {
        context.text = text;
        try {
          return script.runInContext(context, { timeout: REGEX_TIME_LIMIT_MS }) as boolean;
        } catch {
          return 'timeout';
        }
      },
    };
  }
  const words = rule.trim().toLowerCase();
  if (!words) throw new InputError('An empty filter matches nothing; give a word or a /regex/.');
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
  return { source: rule, test: (text) => pattern.test(text) };
}

/** Why an entry is left out, or null when it stays. */
export function filterReason(text: string, filters: DigestFilters | undefined): string | null {
  return compileFilters(filters)(text);
}

/**
 * A destination's rules (compiled once each, see `compileRule`) as the test for each entry: why it is left
 * out, or null when it stays. A rule that does not compile throws an InputError naming it.
 */
export function compileFilters(filters: DigestFilters | undefined): (text: string) => string | null {
  if (!filters) return () => null;
  const exclude = (filters.exclude ?? []).map(compileRule);
  const include = (filters.include ?? []).map(compileRule);
  return (text) => {
    for (const rule of exclude) {
      const result = rule.test(text);
      if (result === 'timeout') return `exclude filter ${rule.source} took longer than ${REGEX_TIME_LIMIT_MS} ms and was skipped; entry kept out to be safe`;
      if (result) return `matches exclude filter ${rule.source}`;
    }
    if (include.length === 0) return null;
    const timedOut: string[] = [];
    for (const rule of include) {
      const result = rule.test(text);
      if (result === true) return null;
      if (result === 'timeout') timedOut.push(rule.source);
    }
    return timedOut.length
      ? `include filter ${timedOut.join(', ')} took longer than ${REGEX_TIME_LIMIT_MS} ms`
      : `matches none of the include filters ${include.map((rule) => rule.source).join(', ')}`;
  };
}
