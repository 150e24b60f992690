import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../commands/index.ts';
import { spanText, type Answer } from '../../src/core/answer.ts';
import { openApp } from '../../src/app.ts';
import type { Caller } from '../../src/core/command.ts';
import type { AppContext } from '../../src/core/context.ts';
import { Dispatcher, type CommandRequest } from '../../src/core/dispatch.ts';

/** An administrator of the group who is not an operator: manages this chat's destination only. */
export const telegramAdmin: Caller = { platform: 'telegram', userId: '42', chatId: '-1001234', isAdmin: true, isOperator: false };
/** The same group, asked by a user listed in TELEGRAM_ADMIN_IDS. */
export const telegramOperator: Caller = { platform: 'telegram', userId: '1', chatId: '-1001234', isAdmin: true, isOperator: true };
/** In a private chat only TELEGRAM_ADMIN_IDS are admins, so they are operators. */
export const telegramPrivate: Caller = { platform: 'telegram', userId: '42', chatId: '42', isAdmin: true, isOperator: true };
export const telegramMember: Caller = { platform: 'telegram', userId: '7', chatId: '-1001234', isAdmin: false, isOperator: false };
/** An admin of another group (not an operator). */
export const otherGroupAdmin: Caller = { platform: 'telegram', userId: '66', chatId: '-1009999', isAdmin: true, isOperator: false };
/** Manage Server with DISCORD_GUILD_ID unset: an operator. */
export const discordAdmin: Caller = { platform: 'discord', userId: '9', chatId: '123456789012345678', isAdmin: true, isOperator: true };
export const operator: Caller = { platform: 'console', userId: 'operator', chatId: 'console', isAdmin: true, isOperator: true };

export interface Harness {
  dir: string;
  app: AppContext;
  dispatcher: Dispatcher;
  run(caller: Caller, line: string, options?: CommandRequest['options']): Promise<Answer>;
  /** Closes the app and opens the same data directory again (what a restart sees). */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

/** A real app in a fresh data directory and the real dispatcher with every command. */
export function harness(): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'cronista-commands-'));
  const h: Harness = {
    dir,
    app: openApp(dir),
    dispatcher: undefined as unknown as Dispatcher,
    async run(caller, line, options = {}) {
      const [name, subcommand] = line.replace(/^\//, '').split(/\s+/);
      return h.dispatcher.dispatch({ name: name!, ...(subcommand ? { subcommand } : {}), options, caller });
    },
    async reopen() {
      await h.app.store.close();
      h.app = openApp(dir);
      h.dispatcher = new Dispatcher(h.app, commands);
    },
    async close() {
      await h.app.store.close();
    },
  };
  h.dispatcher = new Dispatcher(h.app, commands);
  return h;
}

export function isError(answer: Answer): boolean {
  return typeof answer.json === 'object' && answer.json !== null && 'error' in answer.json;
}

export function errorText(answer: Answer): string {
  return (answer.json as { error?: { message?: string } }).error?.message ?? '';
}

export function answerText(answer: Answer): string {
  return answer.sections.flatMap((section) => [section.heading ?? '', ...section.lines.map((line) => line.map(spanText).join(''))]).join('\n');
}

/** Runs `fn` with CRONISTA_ALLOW_HOSTS set to `value` (undefined: unset), restoring it afterwards. */
export async function withAllowHosts<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.CRONISTA_ALLOW_HOSTS;
  if (value === undefined) delete process.env.CRONISTA_ALLOW_HOSTS;
  else process.env.CRONISTA_ALLOW_HOSTS = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.CRONISTA_ALLOW_HOSTS;
    else process.env.CRONISTA_ALLOW_HOSTS = saved;
  }
}

/** Every document the store holds. */
export async function documentCount(app: AppContext): Promise<number> {
  return app.store.countDocuments();
}
