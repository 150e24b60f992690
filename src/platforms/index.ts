import type { AppContext } from '../core/context.ts';
import type { Dispatcher } from '../core/dispatch.ts';
import { createDiscordPlatform } from './discord/bot.ts';
import type { Platform, PlatformFactory } from './platform.ts';
import { createTelegramPlatform } from './telegram/bot.ts';

/** Chat platforms `cronista start` runs when their tokens are set (the console always runs). */
const FACTORIES: readonly PlatformFactory[] = [createTelegramPlatform, createDiscordPlatform];

export function configuredPlatforms(app: AppContext, dispatcher: Dispatcher, env: NodeJS.ProcessEnv = process.env): Platform[] {
  return FACTORIES.map((create) => create(app, dispatcher, env)).filter((platform): platform is Platform => platform !== null);
}
