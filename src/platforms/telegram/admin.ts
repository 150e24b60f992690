/**
 * Who is an admin on Telegram: a user listed in TELEGRAM_ADMIN_IDS (everywhere), or an administrator or
 * the creator of the group the command was sent in (asked with getChatMember, cached briefly). In a
 * private chat only TELEGRAM_ADMIN_IDS count. An anonymous group admin (the message is sent on behalf of
 * the group itself) is an admin of that group.
 */
import type { Api } from 'grammy';
import type { Chat } from 'grammy/types';

export const ADMIN_CACHE_MS = 60_000;

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

export class AdminResolver {
  private readonly cache = new Map<string, { admin: boolean; until: number }>();

  constructor(
    private readonly api: Pick<Api, 'getChatMember'>,
    readonly adminIds: ReadonlySet<string>,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = ADMIN_CACHE_MS,
  ) {}

  async isAdmin(question: AdminQuestion): Promise<boolean> {
    const { chat, userId } = question;
    if (userId !== undefined && this.adminIds.has(String(userId))) return true;
    if (chat.type === 'private') return false;
    if (question.senderChatId !== undefined) return question.senderChatId === chat.id;
    if (userId === undefined) return false;
    const key = `${chat.id}:${userId}`;
    const cached = this.cache.get(key);
    const now = this.now();
    if (cached && cached.until > now) return cached.admin;
    let admin = false;
    try {
      const member = await this.api.getChatMember(chat.id, userId);
      admin = member.status === 'administrator' || member.status === 'creator';
    } catch {
      // Unknown (the bot cannot see members): not an admin, and not cached so the next call asks again.
      return false;
    }
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, { admin, until: now + this.ttlMs });
    return admin;
  }

  /** Forget what is known about a chat (its administrators changed). */
  forgetChat(chatId: number): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${chatId}:`)) this.cache.delete(key);
  }
}
