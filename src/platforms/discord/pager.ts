/**
 * ‹ Previous / Next › buttons for paged answers. A button's custom_id (≤ 100 characters) carries the
 * command, the page it leads to and the options: inline as JSON when they fit, otherwise as a key into
 * the shared state under a hash of the command and options (one entry per list however often it is shown; entries
 * expire after PAGER_TTL_MS; a forgotten key asks the user to re-run). The state is the app's shared one in
 * distributed mode (Redis: a button is answered by whichever process holds the gateway then), else a bounded
 * in-memory cache whose least recently used entries go first when it is full.
 */
import { createHash } from 'node:crypto';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { PageRequest, Pager } from '../../core/answer.ts';
import { MemoryState, type SharedState } from '../../core/shared-state.ts';

export const PAGER_PREFIX = 'pg';
const MAX_CUSTOM_ID = 100;
export const PAGER_TTL_MS = 24 * 60 * 60_000;

export class PagerStore {
  private readonly saved: SharedState;
  private readonly local: MemoryState | null;
  private readonly ttlMs: number;

  constructor(capacity = 500, options: { ttlMs?: number; now?: () => number; shared?: SharedState } = {}) {
    this.ttlMs = options.ttlMs ?? PAGER_TTL_MS;
    this.local = options.shared ? null : new MemoryState({ max: capacity, ...(options.now ? { now: options.now } : {}) });
    this.saved = options.shared ?? this.local!;
  }

  /** Option sets kept now in this process's memory (expired ones are dropped first; 0 with shared state). */
  size(): number {
    return this.local?.size() ?? 0;
  }

  async customId(command: string, page: number, options: Record<string, string | number | boolean>): Promise<string> {
    const head = `${PAGER_PREFIX}:${command}:${page}:`;
    const inline = `${head}${JSON.stringify(options)}`;
    if (inline.length <= MAX_CUSTOM_ID) return inline;
    // One key per option set: every button of a list (and the list shown again, by any process) reuses the same entry.
    const key = createHash('sha256').update(`${command}\n${JSON.stringify(options)}`).digest('base64url').slice(0, 16);
    await this.saved.set(`pager:discord:${key}`, JSON.stringify(options), this.ttlMs);
    return `${head}#${key}`;
  }

  /** The page a button leads to; null when it is not a pager button; 'expired' when its options were forgotten. */
  async parse(customId: string): Promise<PageRequest | 'expired' | null> {
    const match = /^pg:([^:]+):(\d+):(.*)$/s.exec(customId);
    if (!match) return null;
    const [, command, page, rest] = match;
    let options: Record<string, string | number | boolean> | undefined;
    if (rest!.startsWith('#')) {
      const saved = await this.saved.get(`pager:discord:${rest!.slice(1)}`);
      if (!saved) return 'expired';
      options = JSON.parse(saved) as Record<string, string | number | boolean>;
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
  async row(pager: Pager): Promise<APIActionRowComponent<APIButtonComponent>> {
    const previous = pager.page > 1;
    const next = pager.page < pager.pages;
    // Disabled buttons still need distinct custom_ids: they point at pages that do not exist.
    const button = async (label: string, page: number, enabled: boolean): Promise<APIButtonComponent> => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label,
      custom_id: await this.customId(pager.command, enabled ? page : label.startsWith('‹') ? 0 : pager.pages + 1, pager.options),
      disabled: !enabled,
    });
    return {
      type: ComponentType.ActionRow,
      components: [await button('‹ Previous', pager.page - 1, previous), await button('Next ›', pager.page + 1, next)],
    };
  }
}
