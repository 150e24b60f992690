/**
 * ‹ Previous / Next › buttons for paged answers. Telegram limits callback data to 64 bytes: the command,
 * its options and the page go inline when they fit (`pg:<page>:<command>:<options>`); longer option sets
 * stay here, in a small in-memory map, behind a short key (`pk:<page>:<key>`). Keys do not survive a
 * restart: such a button then answers that the list expired.
 */
import type { Pager } from '../../answers/answer.ts';

export const CALLBACK_DATA_LIMIT = 64;
const MAX_STORED = 1000;

export interface PageRequest {
  command: string;
  options: Record<string, string | number | boolean>;
  page: number;
}

export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

export class PagerCodec {
  private readonly stored = new Map<string, { command: string; options: Record<string, string | number | boolean> }>();
  private readonly keys = new Map<string, string>();
  private counter = 0;

  encode(request: PageRequest): string {
    const options = new URLSearchParams(Object.entries(request.options).map(([name, value]) => [name, String(value)])).toString();
    const inline = `pg:${request.page}:${request.command}:${options}`;
    if (Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_LIMIT) return inline;
    const identity = `${request.command}?${options}`;
    let key = this.keys.get(identity);
    if (!key) {
      key = (this.counter++).toString(36);
      this.stored.set(key, { command: request.command, options: request.options });
      this.keys.set(identity, key);
      if (this.stored.size > MAX_STORED) {
        const oldest = this.stored.keys().next().value as string;
        const entry = this.stored.get(oldest)!;
        this.stored.delete(oldest);
        this.keys.delete(`${entry.command}?${new URLSearchParams(Object.entries(entry.options).map(([n, v]) => [n, String(v)])).toString()}`);
      }
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
