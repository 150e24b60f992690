/**
 * ‹ Previous / Next › buttons for paged answers. A button's custom_id (≤ 100 characters) carries the
 * command, the page it leads to and the options: inline as JSON when they fit, otherwise as a key into
 * a bounded in-memory cache under a hash of the command and options (one entry per list however often it is
 * shown; entries expire after PAGER_TTL_MS, the least recently used go first when it is full; a forgotten key
 * asks the user to re-run).
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { PageRequest, Pager } from '../../core/answer.ts';

export const PAGER_PREFIX = 'pg';
const MAX_CUSTOM_ID = 100;
export const PAGER_TTL_MS = 24 * 60 * 60_000;

export class PagerStore {
  private readonly saved: LRUCache<string, Record<string, string | number | boolean>>;
  constructor(capacity = 500, options: { ttlMs?: number; now?: () => number } = {}) {
    this.saved = new LRUCache({ max: capacity, ttl: options.ttlMs ?? PAGER_TTL_MS, ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}) });
  }

  /** Option sets kept now (expired ones are dropped first). */
  size(): number {
    this.saved.purgeStale();
    return this.saved.size;
  }

  customId(command: string, page: number, options: Record<string, string | number | boolean>): string {
    const head = `${PAGER_PREFIX}:${command}:${page}:`;
    const inline = `${head}${JSON.stringify(options)}`;
    if (inline.length <= MAX_CUSTOM_ID) return inline;
    // One key per option set: every button of a list (and the list shown again) reuses the same entry.
    const key = createHash('sha256').update(`${command}\n${JSON.stringify(options)}`).digest('base64url').slice(0, 16);
    this.saved.set(key, options);
    return `${head}#${key}`;
  }

  /** The page a button leads to; null when it is not a pager button; 'expired' when its options were forgotten. */
  parse(customId: string): PageRequest | 'expired' | null {
    const match = /^pg:([^:]+):(\d+):(.*)$/s.exec(customId);
    if (!match) return null;
    const [, command, page, rest] = match;
    let options: Record<string, string | number | boolean> | undefined;
    if (rest!.startsWith('#')) {
      options = this.saved.get(rest!.slice(1));
      if (!options) return 'expired';
    } else {
      try {
        const parsed = JSON.parse(rest!) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) options = parsed as Record<string, string | number | boolean>;
      } catch {
        return null;
      }
    }
    if (!options) return null;
    return { command: command!, page: Number(page), options };
  }

  /** One action row: ‹ Previous (disabled on page 1) and Next › (disabled on the last page). */
  row(pager: Pager): APIActionRowComponent<APIButtonComponent> {
    const previous = pager.page > 1;
    const next = pager.page < pager.pages;
    // Disabled buttons still need distinct custom_ids: they point at pages that do not exist.
    const button = (label: string, page: number, enabled: boolean): APIButtonComponent => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label,
      custom_id: this.customId(pager.command, enabled ? page : label.startsWith('‹') ? 0 : pager.pages + 1, pager.options),
      disabled: !enabled,
    });
    return {
      type: ComponentType.ActionRow,
      components: [button('‹ Previous', pager.page - 1, previous), button('Next ›', pager.page + 1, next)],
    };
  }
}
