/**
 * Read-modify-write of a keyv value with compare-and-set (Store.updateKv), the same on both stores: each store gives
 * its raw read and its atomic "write if still this" of keyv's serialised strings; this runs the edit and retries
 * while another writer wins.
 */
import type Keyv from 'keyv';
import { CronistaError } from '../../core/errors.ts';

/** Compare-and-set attempts before an edit gives up (each retry means another writer won). */
const MAX_ATTEMPTS = 50;

export interface RawKv {
  /** The stored string under a full key (namespace included), or undefined. */
  get(fullKey: string): string | undefined | Promise<string | undefined>;
  /** Writes `value` only if the stored string is still `expected` (undefined: no row); true when it wrote. */
  compareAndSet(fullKey: string, expected: string | undefined, value: string): boolean | Promise<boolean>;
}

/** The full key keyv stores `key` under. */
export function fullKvKey(kv: Keyv, key: string): string {
  return kv.namespace ? `${kv.namespace}:${key}` : key;
}

/** The value in keyv's stored string (undefined when absent). */
export function kvValue<T>(kv: Keyv, raw: string | undefined): T | undefined {
  if (raw === undefined) return undefined;
  const deserialize = kv.deserialize ?? ((text: string) => JSON.parse(text) as unknown);
  return (deserialize(raw) as { value?: T } | undefined)?.value;
}

export async function updateKvValue<T>(kv: Keyv, raw: RawKv, key: string, edit: (current: T | undefined) => T | Promise<T>): Promise<T> {
  const rowKey = fullKvKey(kv, key);
  for (let attempt = 1; ; attempt++) {
    const before = await raw.get(rowKey);
    const next = await edit(kvValue<T>(kv, before));
    const serialized = await (kv.serialize ?? JSON.stringify)({ value: next, expires: undefined });
    if (await raw.compareAndSet(rowKey, before, serialized)) return next;
    if (attempt >= MAX_ATTEMPTS) throw new CronistaError(`${key}: changed by others ${attempt} times while this change was being made; try again`);
  }
}
