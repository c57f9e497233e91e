/**
 * Audit entries from HTTP: `auditWrites` (after the guard on /api/*) records every state-changing request of a
 * logged-in user — case actions as `case.<action>` on the case, admin changes as the route names them with
 * `noteAudit`, anything else as method and route — with the status answered and the client's address. Logins,
 * failed logins and logouts are recorded by the auth routes (`auditAuth`).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { declaredFor } from '../../kernel/http/access.ts';
import { clientAddress } from '../../kernel/http/client-address.ts';
import type { ApiEnv } from '../../kernel/types/user.ts';
import type { AuditKind, AuditLog, NewAuditEntry } from './audit.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a route says it did, for the entry `auditWrites` writes (keyed by the request). */
export interface AuditNote {
  readonly kind: AuditKind;
  readonly action: string;
  readonly target?: string;
  readonly detail?: unknown;
}

const notes = new WeakMap<Request, AuditNote>();

/** Name what this request does (call before anything can fail, so a refusal is recorded under the same name). */
export function noteAudit(c: Context, note: AuditNote): void {
  notes.set(c.req.raw, note);
}

/** The values of ":param" segments of `pattern` in `path`. */
export function paramsOf(pattern: string, path: string): Record<string, string> {
  const p = pattern.split('/');
  const a = path.split('/');
  const out: Record<string, string> = {};
  p.forEach((seg, i) => {
    const m = /^:(\w+)/.exec(seg);
    if (m && a[i] !== undefined) out[m[1]!] = decodeURIComponent(a[i]!);
  });
  return out;
}

function validatedBody(c: Context): unknown {
  try {
    return (c.req as unknown as { valid(target: string): unknown }).valid('json');
  } catch {
    return undefined;
  }
}

/** Writes named by their route ("METHOD pattern" → kind and action); case actions take their action from the path. */
const NAMED: Readonly<Record<string, { readonly kind: AuditKind; readonly action: string }>> = {
  'POST /api/cases': { kind: 'case', action: 'case.create' },
  'POST /api/cases/:id/photos': { kind: 'case', action: 'case.photo' },
  'POST /api/cases/:id/verdict': { kind: 'case', action: 'case.verdict' },
  'POST /api/hits/:id/verdict': { kind: 'case', action: 'hit.verdict' },
  'POST /api/suppressions/:id/extend': { kind: 'case', action: 'suppression.extend' },
  'POST /api/suppressions/:id/lift': { kind: 'case', action: 'suppression.lift' },
  'POST /api/alerts/:id/ack': { kind: 'case', action: 'alert.ack' },
  'POST /api/inspector/reports': { kind: 'case', action: 'case.report' },
  'POST /api/inspector/tasks/:id/check': { kind: 'case', action: 'case.check' },
  'PUT /api/cameras/:id/zones': { kind: 'other', action: 'zones.save' },
};

/** Writes that change nothing anyone audits (marking one's own notices read). */
const UNAUDITED = new Set(['POST /api/notices/read']);

/** Actions whose target is the id the answer carries (a new case). */
export const TARGET_FROM_ANSWER = new Set(['case.create', 'case.report']);

/** The entry for a write nobody named: case actions by their action, known routes by name, the rest by route. */
export function inferNote(method: string, pattern: string, path: string, body: unknown): AuditNote | undefined {
  const route = `${method} ${pattern}`;
  if (UNAUDITED.has(route)) return undefined;
  const params = paramsOf(pattern, path);
  const target = params.id;
  const at = target ? { target } : {};
  if (pattern === '/api/cases/:id/actions/:action' && params.action)
    return { kind: 'case', action: `case.${params.action}`, ...at, detail: body };
  const named = NAMED[route];
  if (named) return { ...named, ...at, detail: body };
  const kind: AuditKind = pattern.startsWith('/api/cases')
    ? 'case'
    : pattern.startsWith('/api/admin')
      ? 'admin'
      : 'other';
  return { kind, action: route, ...at, detail: body };
}

/** The number of the case a create answered with. */
async function createdId(res: Response): Promise<string | undefined> {
  if (!res.ok) return undefined;
  try {
    const body = (await res.clone().json()) as { id?: unknown; case?: { id?: unknown } };
    const id = body.id ?? body.case?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

export function auditWrites(audit: AuditLog, trustProxy: boolean): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method) || c.req.path === '/api/auth/logout') return next();
    await next();
    const user = c.get('user');
    if (!user) return; // refused by the guard, or a public route (login records itself)
    const pattern = declaredFor(c)?.path ?? c.req.path;
    const note = notes.get(c.req.raw) ?? inferNote(c.req.method, pattern, c.req.path, validatedBody(c));
    if (!note) return;
    const target = note.target ?? (TARGET_FROM_ANSWER.has(note.action) ? await createdId(c.res) : undefined);
    audit.record({
      actor: user.username,
      role: user.role,
      ip: clientAddress(c, trustProxy),
      kind: note.kind,
      action: note.action,
      ...(target ? { target } : {}),
      ...(note.detail !== undefined ? { detail: note.detail } : {}),
      status: c.res.status,
    });
  };
}

/** For the auth routes: record a login, a failed login or a logout. */
export function auditAuth(audit: AuditLog | undefined, c: Context, trustProxy: boolean) {
  return (e: Omit<NewAuditEntry, 'ip'>): void => audit?.record({ ...e, ip: clientAddress(c, trustProxy) });
}

const lastRefusal = new Map<string, number>();

/**
 * Refused (rate-limited) logins are recorded once a minute per address and user name, so a flood of guesses cannot
 * fill the log.
 */
export function firstRefusalInMinute(key: string, now: number): boolean {
  const last = lastRefusal.get(key);
  if (last !== undefined && now - last < 60_000) return false;
  if (lastRefusal.size >= 10_000) lastRefusal.clear();
  lastRefusal.set(key, now);
  return true;
}
