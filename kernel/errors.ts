import type { Text } from './messages/text.ts';

/**
 * Errors that carry a stable code and a message fit to show a person: `message` in English (logs, the CLI), and
 * optionally `text`, the same as a server message (kernel/messages) that the API renders in the reader's language.
 */
export class GridwatchError extends Error {
  readonly text?: Text;
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown; text?: Text },
  ) {
    super(message, options);
    this.name = 'GridwatchError';
    if (options?.text) this.text = options.text;
  }
}

/** Bad user input (config, payload, file): the message names what is wrong. */
export class InputError extends GridwatchError {
  constructor(message: string, options?: { cause?: unknown; text?: Text }) {
    super('bad_input', message, options);
    this.name = 'InputError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
