/** The kernel's error handler (kernel/http/error-handler.ts) wording errors with the UI's message files. */
import type { ErrorHandler, NotFoundHandler } from 'hono';
import * as kernel from '../kernel/http/error-handler.ts';
import { messages, type Locale } from './i18n.ts';

export function errorHandler(opts: Omit<kernel.ErrorHandlerOptions, 'messages'>): ErrorHandler {
  return kernel.errorHandler({ ...opts, messages });
}

export function notFoundHandler(locale: Locale): NotFoundHandler {
  return kernel.notFoundHandler(locale, messages);
}
