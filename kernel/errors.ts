/** Errors that carry a stable code and a message fit to show a person. */
export class GridwatchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GridwatchError';
  }
}

/** Bad user input (config, payload, file): the message names what is wrong. */
export class InputError extends GridwatchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad_input', message, options);
    this.name = 'InputError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
