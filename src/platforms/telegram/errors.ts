/** Telegram failures as one line without the token, and start-up failures as PlatformErrors saying what to check. */
import { GrammyError, HttpError } from 'grammy';
import { redactUrl } from '../../core/redact.ts';
import { PlatformError } from '../platform.ts';

/** An error as one line, without the token. */
export function describeError(error: unknown, token: string): string {
  let text: string;
  if (error instanceof GrammyError) text = `${error.method}: ${error.error_code} ${error.description}`;
  else if (error instanceof HttpError) text = `${error.message} (${error.error instanceof Error ? error.error.message : String(error.error)})`;
  else text = error instanceof Error ? error.message : String(error);
  return token ? text.split(token).join('<token>') : text;
}

/** Why the bot cannot run, and what the operator should check (`apiRoot`: the Bot API it talks to). */
export function startError(error: unknown, token: string, apiRoot: string): PlatformError {
  const describe = (inner: unknown) => describeError(inner, token);
  if (error instanceof PlatformError) return error;
  if (error instanceof GrammyError) {
    if (error.error_code === 401) return new PlatformError('the Bot API refused the token (401 Unauthorized)', 'check TELEGRAM_BOT_TOKEN (from @BotFather)');
    if (error.error_code === 409) {
      return new PlatformError(
        `another bot process is taking this token's updates (409 Conflict: ${error.description.replace(/^Conflict:\s*/i, '')})`,
        'stop the other Cronista (or other program) using TELEGRAM_BOT_TOKEN, or remove its webhook',
      );
    }
    if (error.error_code === 404) return new PlatformError(`the Bot API answered 404 to ${error.method}`, 'check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT');
    return new PlatformError(`the Bot API refused ${error.method}: ${error.error_code} ${error.description}`, 'see the Bot API documentation for this error');
  }
  if (error instanceof HttpError) {
    return new PlatformError(`could not reach the Bot API at ${redactUrl(apiRoot.replace(/\/+$/, ''))} (${describe(error.error)})`, 'check the network, any proxy or firewall, and TELEGRAM_API_ROOT');
  }
  if (isAbort(error)) return new PlatformError('start-up was cancelled', 'nothing to check');
  if (error instanceof Error && /EADDRINUSE|EACCES/.test(error.message)) {
    return new PlatformError(`the webhook server could not listen: ${error.message}`, 'check TELEGRAM_WEBHOOK_PORT and TELEGRAM_WEBHOOK_HOST');
  }
  return new PlatformError(`start-up failed: ${describe(error)}`, 'see the log above');
}

/** A 401 or a 409 is not worth carrying on with: the start fails with it. */
export function isStartFatal(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || /aborted/i.test(error.message));
}
