/**
 * Answers in Telegram: a rendered answer sent as messages (the first replying to the command in groups,
 * the pager's buttons on the last text), and a page edited in place when a paging button is pressed.
 */
import { basename } from 'node:path';
import { GrammyError, InputFile, type Api } from 'grammy';
import type { Answer } from '../../core/answer.ts';
import type { Logger } from '../../core/logger.ts';
import type { InlineKeyboard, PagerCodec } from './bot-pager.ts';
import { renderTelegram, type TelegramMessage, type TelegramUrlKeyboard } from './render.ts';

type Keyboard = InlineKeyboard | TelegramUrlKeyboard | { inline_keyboard: (InlineKeyboard['inline_keyboard'][number] | TelegramUrlKeyboard['inline_keyboard'][number])[] };

/** The pager's buttons (if any) above the message's own link button (if any). */
function withLink(pager: InlineKeyboard | undefined, message: TelegramMessage): Keyboard | undefined {
  if (!message.reply_markup) return pager;
  if (!pager) return message.reply_markup;
  return { inline_keyboard: [...pager.inline_keyboard, ...message.reply_markup.inline_keyboard] };
}

/** Where an answer goes: the chat, the message it replies to, the forum topic. */
export interface Where {
  chatId: number;
  replyTo?: number;
  threadId?: number;
}

export class TelegramReplies {
  constructor(
    private readonly api: Api,
    private readonly pager: PagerCodec,
    private readonly logger: Logger,
    private readonly describe: (error: unknown) => string,
  ) {}

  /** Sends a rendered answer; a message Telegram refuses is logged and the rest still go (unless the chat is gone). */
  async send(where: Where, answer: Answer): Promise<void> {
    const messages = renderTelegram(answer);
    const pagerKeyboard = answer.pager ? await this.pager.keyboard(answer.pager) : undefined;
    const lastText = messages.map((message) => message.kind).lastIndexOf('text');
    for (const [index, message] of messages.entries()) {
      const keyboard = withLink(index === lastText ? pagerKeyboard : undefined, message);
      try {
        await this.sendOne(where, message, {
          reply: index === 0,
          ...(keyboard ? { keyboard } : {}),
        });
      } catch (error) {
        this.logger.warn(`telegram: could not answer in chat ${where.chatId}: ${this.describe(error)}`);
        if (error instanceof GrammyError && (error.error_code === 403 || /chat not found/i.test(error.description))) return;
      }
    }
  }

  async sendOne(where: Where, message: TelegramMessage, extra: { reply: boolean; keyboard?: Keyboard }): Promise<void> {
    const common = {
      ...(where.threadId !== undefined ? { message_thread_id: where.threadId } : {}),
      ...(extra.reply && where.replyTo !== undefined ? { reply_parameters: { message_id: where.replyTo, allow_sending_without_reply: true } } : {}),
      ...(extra.keyboard ? { reply_markup: extra.keyboard } : {}),
    };
    switch (message.kind) {
      case 'text':
        await this.api.sendMessage(where.chatId, message.text, { parse_mode: 'HTML', link_preview_options: message.link_preview_options, ...common });
        return;
      case 'photo':
        await this.api.sendPhoto(where.chatId, new InputFile(message.photoPath, basename(message.photoPath)), {
          parse_mode: 'HTML',
          ...(message.caption ? { caption: message.caption } : {}),
          ...common,
        });
        return;
      case 'document':
        await this.api.sendDocument(where.chatId, new InputFile(message.documentPath, message.fileName), {
          parse_mode: 'HTML',
          ...(message.caption ? { caption: message.caption } : {}),
          ...common,
        });
        return;
    }
  }

  async editPage(chatId: number, messageId: number, answer: Answer): Promise<void> {
    const messages = renderTelegram(answer);
    const first = messages.findIndex((message) => message.kind === 'text');
    if (first === -1) return;
    const page = messages[first] as Extract<TelegramMessage, { kind: 'text' }>;
    const keyboard = withLink(answer.pager ? await this.pager.keyboard(answer.pager) : undefined, page);
    try {
      await this.api.editMessageText(chatId, messageId, page.text, {
        parse_mode: 'HTML',
        link_preview_options: page.link_preview_options,
        ...(keyboard ? { reply_markup: keyboard } : {}),
      });
    } catch (error) {
      if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) throw error;
    }
    // A page too long for one message (rare): the rest follows as new messages.
    const rest = messages.filter((_, index) => index !== first);
    for (const message of rest) {
      const link = withLink(undefined, message);
      await this.sendOne({ chatId }, message, { reply: false, ...(link ? { keyboard: link } : {}) });
    }
  }
}
