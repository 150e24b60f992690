/**
 * ‹ Previous / Next › buttons for paged answers. Telegram limits callback data to 64 bytes: the command,
 * its options and the page go inline when they fit (`pg:<page>:<command>:<options>`); longer option sets
 * stay here, in a bounded in-memory cache, behind a short key (`pk:<page>:<key>`). Keys expire after
 * PAGER_TTL_MS (or when PAGER_MAX_STORED newer ones push them out) and do not survive a restart: such a
 * button then answers that the list expired.
 */
import { LRUCache } from 'lru-cache';
import type { PageRequest, Pager } from '../../core/answer.ts';

export const CALLBACK_DATA_LIMIT = 64;
export const PAGER_MAX_STORED = 1000;
export const PAGER_TTL_MS = 24 * 60 * 60_000;

export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

interface StoredRequest {
  command: string;
  options: Record<string, string | number | boolean>;
  identity: string;
}

export class PagerCodec {
  private readonly stored: LRUCache<string, StoredRequest>;
  /** identity (command and options) → key, so the buttons of one list share a key. */
  private readonly keys = new Map<string, string>();
  private counter = 0;

  constructor(options: { max?: number; ttlMs?: number; now?: () => number } = {}) {
    this.stored = new LRUCache<string, StoredRequest>({
      max: options.max ?? PAGER_MAX_STORED,
      ttl: options.ttlMs ?? PAGER_TTL_MS,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
      dispose: (entry, key) => {
        if (this.keys.get(entry.identity) === key) this.keys.delete(entry.identity);
      },
    });
  }

  /** Option sets kept now (expired ones are dropped first). */
  size(): number {
    this.stored.purgeStale();
    return this.stored.size;
  }

  encode(request: PageRequest): string {
    const options = new URLSearchParams(Object.entries(request.options).map(([name, value]) => [name, String(value)])).toString();
    const inline = `pg:${request.page}:${request.command}:${options}`;
    if (Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_LIMIT) return inline;
    const identity = `${request.command}?${options}`;
    let key = this.keys.get(identity);
    if (!key || !this.stored.has(key)) {
      key = (this.counter++).toString(36);
      this.keys.set(identity, key);
      this.stored.set(key, { command: request.command, options: request.options, identity });
    } else {
      this.stored.get(key); // used again: it stays longer
    }
    return `pk:${request.page}:${key}`;
  }

  /** The request a button stands for; `expired` when its options were kept in a map since cleared; null when not ours. */
  decode(data: string): PageRequest | 'expired' | null {
    const inline = /^pg:(\d{1,6}):([a-z0-9_]{1,32}):(.*)$/s.exec(data);
    if (inline) {
      return { page: Number(inline[1]), command: inline[2]!, options: Object.fromEntries(new URLSearchParams(inline[3]!)) };
    }
    const keyed = /^pk:(\d{1,6}):([a-z0-9]+)$/.exec(data);
    if (!keyed) return null;
    const entry = this.stored.get(keyed[2]!);
    return entry ? { page: Number(keyed[1]), command: entry.command, options: entry.options } : 'expired';
  }

  keyboard(pager: Pager): InlineKeyboard | undefined {
    if (pager.pages <= 1) return undefined;
    const row: { text: string; callback_data: string }[] = [];
    const at = (page: number) => this.encode({ command: pager.command, options: pager.options, page });
    if (pager.page > 1) row.push({ text: '‹ Previous', callback_data: at(pager.page - 1) });
    if (pager.page < pager.pages) row.push({ text: 'Next ›', callback_data: at(pager.page + 1) });
    return row.length > 0 ? { inline_keyboard: [row] } : undefined;
  }
}
