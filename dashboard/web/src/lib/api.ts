/**
 * Calls to the gridwatch API: JSON in and out, the CSRF token on writes, the UI language as Accept-Language (so error
 * messages come back localised), and one error type carrying the stable code, field and error id.
 */
import { localeStore, t } from '../i18n/index.ts';
import { sessionStore } from './session.ts';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  /** Message key and parameters, to word the problem with a friendlier field name. */
  readonly key?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field?: string,
    readonly issues: readonly FieldProblem[] = [],
    readonly errorId?: string,
    /** A 409's current state of what was acted on (e.g. `{case, timeline, actions}`). */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: string;
  message?: string;
  field?: string;
  errorId?: string;
  issues?: FieldProblem[];
  current?: unknown;
}

async function toError(res: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // not JSON (a proxy's error page)
  }
  const code = body.error ?? `http_${res.status}`;
  const message =
    body.message ?? t(`errors.${code}`, { what: res.url, detail: res.statusText, errorId: '—', seconds: 60 });
  return new ApiError(message, res.status, code, body.field, body.issues ?? [], body.errorId, body.current);
}

export async function request<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', localeStore.get());
  headers.set('Accept', 'application/json');
  const csrf = sessionStore.get()?.csrf;
  if (method !== 'GET' && csrf) headers.set('X-CSRF-Token', csrf);
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers.set('Content-Type', 'application/json');
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(t('errors.network'), 0, 'network');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !path.startsWith('/api/auth/')) sessionStore.set(null);
    throw err;
  }
  const type = res.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, init?: RequestInit): Promise<T> => request<T>('GET', path, undefined, init),
  post: <T>(path: string, body: unknown = {}): Promise<T> => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body),
};

/** "?a=1&b=x" from the defined entries. */
export function query(params: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
