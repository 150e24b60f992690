/**
 * Errors split by where the failure happened, each with a message a person can act on.
 * `SourceError`: a feed, page or file could not be read. `InputError`: a user gave a command
 * something it cannot use. `PermissionError`: the caller may not run that command. `DeliveryError`: a platform
 * did not accept a digest's message.
 */
export class CronistaError extends Error {
  override name = 'CronistaError';
}

export class SourceError extends CronistaError {
  override name = 'SourceError';
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class InputError extends CronistaError {
  override name = 'InputError';
}

export class PermissionError extends CronistaError {
  override name = 'PermissionError';
}

/** A destination's digest could not be delivered. `permanent`: the platform refused (bad chat, deleted webhook). */
export class DeliveryError extends CronistaError {
  override name = 'DeliveryError';
  readonly permanent: boolean;
  readonly status: number | undefined;
  constructor(message: string, options: { permanent: boolean; status?: number; cause?: unknown }) {
    super(message.replace(/\s+/g, ' ').trim(), { cause: options.cause });
    this.permanent = options.permanent;
    this.status = options.status;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
