/**
 * ‹ Previous / Next › buttons for paged answers. Telegram limits callback data to 64 bytes: the command,
 * its options and the page go inline when they fit (`pg:<page>:<command>:<options>`); longer option sets
 * are kept in the shared state behind a short key, a hash of the command and options (`pk:<page>:<key>`), so every
 * button of a list, and the list shown again, share one entry. Keys expire after PAGER_TTL_MS. The state is the
 * app's shared one in distributed mode (Redis: a button made by one `cronista start` is answered by another, as with
 * a webhook served by several), else a bounded in-memory cache (PAGER_MAX_STORED, the least recently used go first)
 * that does not survive a restart: such a button then answers that the list expired.
 */
import { createHash } from 'node:crypto';
import type { PageRequest, Pager } from '../../core/answer.ts';
import { MemoryState, type SharedState } from '../../core/shared-state.ts';

export const CALLBACK_DATA_LIMIT = 64;
export const PAGER_MAX_STORED = 1000;
export const PAGER_TTL_MS = 24 * 60 * 60_000;

export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

interface StoredRequest {
  command: string;
  options: Record<string, string | number | boolean>;
}

export class PagerCodec {
  private readonly stored: SharedState;
  private readonly local: MemoryState | null;
  private readonly ttlMs: number;

  constructor(options: { max?: number; ttlMs?: number; now?: () => number; shared?: SharedState } = {}) {
    this.ttlMs = options.ttlMs ?? PAGER_TTL_MS;
    this.local = options.shared ? null : new MemoryState({ max: options.max ?? PAGER_MAX_STORED, ...(options.now ? { now: options.now } : {}) });
    this.stored = options.shared ?? this.local!;
  }

  /** Option sets kept now in this process's memory (expired ones are dropped first; 0 with shared state). */
  size(): number {
    return this.local?.size() ?? 0;
  }

  async encode(request: PageRequest): Promise<string> {
    const options = new URLSearchParams(Object.entries(request.options).map(([name, value]) => [name, String(value)])).toString();
    const inline = `pg:${request.page}:${request.command}:${options}`;
    if (Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_LIMIT) return inline;
    // 16 characters of base64url (96 bits): the same key in every process, no counter to share.
    const key = createHash('sha256').update(`${request.command}?${options}`).digest('base64url').slice(0, 16);
    const entry: StoredRequest = { command: request.command, options: request.options };
    // Stored again each time the list is shown: it lives a day from its last showing.
    await this.stored.set(`pager:telegram:${key}`, JSON.stringify(entry), this.ttlMs);
    return `pk:${request.page}:${key}`;
  }

  /** The request a button stands for; `expired` when its options were kept and have since been forgotten; null when not ours. */
  async decode(data: string): Promise<PageRequest | 'expired' | null> {
    const inline = /^pg:(\d{1,6}):([a-z0-9_]{1,32}):(.*)$/s.exec(data);
    if (inline) {
      return { page: Number(inline[1]), command: inline[2]!, options: Object.fromEntries(new URLSearchParams(inline[3]!)) };
    }
    const keyed = /^pk:(\d{1,6}):([\w-]{1,32})$/.exec(data);
    if (!keyed) return null;
    const saved = await this.stored.get(`pager:telegram:${keyed[2]!}`);
    if (!saved) return 'expired';
    const entry = JSON.parse(saved) as StoredRequest;
    return { page: Number(keyed[1]), command: entry.command, options: entry.options };
  }

  async keyboard(pager: Pager): Promise<InlineKeyboard | undefined> {
    if (pager.pages <= 1) return undefined;
    const row: { text: string; callback_data: string }[] = [];
    const at = (page: number) => this.encode({ command: pager.command, options: pager.options, page });
    if (pager.page > 1) row.push({ text: '‹ Previous', callback_data: await at(pager.page - 1) });
    if (pager.page < pager.pages) row.push({ text: 'Next ›', callback_data: await at(pager.page + 1) });
    return row.length > 0 ? { inline_keyboard: [row] } : undefined;
  }
}
