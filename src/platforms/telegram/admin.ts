/**
 * Who is an admin on Telegram: a user listed in TELEGRAM_ADMIN_IDS (everywhere), or an administrator or
 * the creator of the group the command was sent in (asked with getChatMember, cached briefly). In a
 * private chat only TELEGRAM_ADMIN_IDS count. An anonymous group admin (the message is sent on behalf of
 * the group itself) is an admin of that group.
 *
 * When Telegram cannot be asked (network down, server errors after auto-retry gave up), the question is
 * asked again a few times; if it still has no answer it is *unknown*, never "not an admin": an admin
 * command is then refused with a message saying so (AdminCheckFailed), and nothing is cached.
 */
import { LRUCache } from 'lru-cache';
import { GrammyError, type Api } from 'grammy';
import type { Chat } from 'grammy/types';
import { CronistaError } from '../../core/errors.ts';

export const ADMIN_CACHE_MS = 60_000;
export const ADMIN_CACHE_MAX = 5000;
/** Waits before asking getChatMember again after a failure. */
export const ADMIN_RETRY_DELAYS_MS = [250, 1000];

/** TELEGRAM_ADMIN_IDS: user ids separated by commas (or spaces); anything else is ignored. */
export function parseAdminIds(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(/[\s,;]+/).map((id) => id.trim()).filter((id) => /^\d+$/.test(id)));
}

export interface AdminQuestion {
  chat: Pick<Chat, 'id' | 'type'>;
  userId: number | undefined;
  /** The message was sent on behalf of a chat (anonymous admin, linked channel). */
  senderChatId?: number;
}

/** Telegram could not tell whether the caller is an admin: the command is not run, and the user is told why. */
export class AdminCheckFailed extends CronistaError {
  constructor() {
    super('Telegram did not answer whether you are an admin of this chat, so nothing was changed; try again in a minute.');
    this.name = 'AdminCheckFailed';
  }
}

export interface AdminResolverOptions {
  now?: () => number;
  ttlMs?: number;
  retryDelaysMs?: readonly number[];
  /** Told about each failed getChatMember (one line, no token). */
  onError?: (error: unknown, attempt: number, willRetry: boolean) => void;
}

export class AdminResolver {
  private readonly cache: LRUCache<string, boolean>;
  private readonly retryDelaysMs: readonly number[];

  constructor(
    private readonly api: Pick<Api, 'getChatMember'>,
    readonly adminIds: ReadonlySet<string>,
    private readonly options: AdminResolverOptions = {},
  ) {
    this.cache = new LRUCache({
      max: ADMIN_CACHE_MAX,
      ttl: options.ttlMs ?? ADMIN_CACHE_MS,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
    this.retryDelaysMs = options.retryDelaysMs ?? ADMIN_RETRY_DELAYS_MS;
  }

  /** Whether the caller is an admin; throws AdminCheckFailed when Telegram cannot say. */
  async isAdmin(question: AdminQuestion): Promise<boolean> {
    const { chat, userId } = question;
    if (userId !== undefined && this.adminIds.has(String(userId))) return true;
    if (chat.type === 'private') return false;
    if (question.senderChatId !== undefined) return question.senderChatId === chat.id;
    if (userId === undefined) return false;
    const key = `${chat.id}:${userId}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const admin = await this.ask(chat.id, userId);
    this.cache.set(key, admin);
    return admin;
  }

  /** Forget what is known about a chat (its administrators changed). */
  forgetChat(chatId: number): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(`${chatId}:`)) this.cache.delete(key);
  }

  private async ask(chatId: number, userId: number): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        const member = await this.api.getChatMember(chatId, userId);
        return member.status === 'administrator' || member.status === 'creator';
      } catch (error) {
        // Telegram answered, and the answer is no (not a member, no such user): that is definite.
        if (error instanceof GrammyError && error.error_code >= 400 && error.error_code < 500 && error.error_code !== 429) return false;
        const willRetry = attempt < this.retryDelaysMs.length;
        this.options.onError?.(error, attempt + 1, willRetry);
        if (!willRetry) throw new AdminCheckFailed();
        await new Promise((resolve) => setTimeout(resolve, this.retryDelaysMs[attempt]));
      }
    }
  }
}
