/**
 * Errors split by where the failure happened, each with a message a person can act on.
 * `SourceError`: a feed, page or file could not be read. `InputError`: a user gave a command
 * something it cannot use. `PermissionError`: the caller may not run that command.
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

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
