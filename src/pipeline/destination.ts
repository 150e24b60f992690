import type { DigestFilters } from '../core/filters.ts';
import type { DestinationConfig } from '../core/config.ts';
import type { AppContext } from '../core/context.ts';
import { InputError } from '../core/errors.ts';

/** Where digests go. Console is built in; issue-5 configuration adds Discord and Telegram destinations. */
export interface Destination {
  id: string;
  kind: 'console' | 'discord_webhook' | 'telegram_chat' | 'discord_channel';
  story?: string;
  filters?: DigestFilters;
  /** Post a one-line "nothing new" instead of staying silent. */
  nothingNew?: boolean;
  /** kind discord_webhook: the webhook URL (it holds a secret token: never log it). */
  webhookUrl?: string;
  /** kind telegram_chat: a chat id (digits, maybe negative) or @channelname. */
  chatId?: string;
  /** kind discord_channel: a channel id. */
  channelId?: string;
}

/** A configured destination (config/cronista.yaml) as the pipeline's Destination. */
export function destinationFromConfig(config: DestinationConfig): Destination {
  const common = {
    id: config.id,
    ...(config.story ? { story: config.story } : {}),
    ...(config.filters ? { filters: config.filters } : {}),
    nothingNew: config.nothing_new,
  };
  if (config.discord_webhook) return { ...common, kind: 'discord_webhook', webhookUrl: config.discord_webhook };
  if (config.telegram_chat) return { ...common, kind: 'telegram_chat', chatId: config.telegram_chat };
  if (config.discord_channel) return { ...common, kind: 'discord_channel', channelId: config.discord_channel };
  return { ...common, kind: 'console' };
}

export const CONSOLE_DESTINATION: Destination = { id: 'console', kind: 'console' };

/** A configured destination (config file plus chat changes); `console` always exists. */
export async function destinationById(app: AppContext, id: string): Promise<Destination> {
  const configured = (await app.settings.effective()).destinations;
  const found = configured.find((destination) => destination.id === id);
  if (found) return destinationFromConfig(found);
  if (id === CONSOLE_DESTINATION.id) return CONSOLE_DESTINATION;
  throw new InputError(`Unknown destination "${id}". Destinations: ${['console', ...configured.map((d) => d.id)].filter((v, i, all) => all.indexOf(v) === i).join(', ')}.`);
}
