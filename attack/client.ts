/** An HTTP client of the target: anonymous, or logged in (session cookie + the session's CSRF token). */

export interface RequestOptions extends Omit<RequestInit, 'headers'> {
  readonly headers?: Record<string, string>;
  /** Send the session's CSRF token on a state-changing method (default true). */
  readonly csrf?: boolean;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export class Client {
  constructor(
    readonly base: string,
    readonly cookie?: string,
    readonly csrf?: string,
    readonly username?: string,
  ) {}

  fetch(path: string, opts: RequestOptions = {}): Promise<Response> {
    const { csrf = true, headers = {}, ...init } = opts;
    const method = (init.method ?? 'GET').toUpperCase();
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (csrf && this.csrf && !SAFE.has(method)) h['X-CSRF-Token'] = this.csrf;
    return fetch(new URL(path, this.base), { ...init, method, headers: h, redirect: 'manual' });
  }

  /** POST/PUT… a JSON body. */
  send(method: string, path: string, body: unknown, opts: RequestOptions = {}): Promise<Response> {
    return this.fetch(path, {
      ...opts,
      method,
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...(opts.headers ?? {}) },
    });
  }
}

/** Log in; the client carries the session cookie and CSRF token. */
export async function login(base: string, username: string, password: string): Promise<Client> {
  const res = await fetch(new URL('/api/auth/login', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrf: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => /gw_session=/.test(c));
  if (!cookie) throw new Error(`login as ${username}: no session cookie`);
  return new Client(base, cookie, body.csrf, username);
}
