/** Every API route the target serves, read from its own OpenAPI document (generated from its access rules). */
import type { Client } from './client.ts';

export interface ApiRoute {
  readonly method: string;
  /** OpenAPI path, e.g. /api/cases/{id}. */
  readonly path: string;
  /** Roles allowed, or 'public'. */
  readonly roles: readonly string[] | 'public';
}

interface OpenApi {
  paths: Record<string, Record<string, { 'x-roles': readonly string[] | 'public' }>>;
}

export async function apiRoutes(client: Client): Promise<ApiRoute[]> {
  const res = await client.fetch('/api/openapi.json');
  if (res.status !== 200) throw new Error(`GET /api/openapi.json: HTTP ${res.status}`);
  const doc = (await res.json()) as OpenApi;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, roles: op['x-roles'] })),
  );
}

/** A concrete URL for an OpenAPI path: every {param} becomes `value`. */
export function concrete(path: string, value = 'x-attack'): string {
  return path.replace(/\{path\}$/, `${value}/${value}`).replace(/\{\w+\}/g, value);
}

/** Status and stable error code of a request (body drained). */
export async function outcome(res: Response): Promise<{ status: number; error?: string }> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    await res.body?.cancel();
    return { status: res.status };
  }
  const body = (await res.json().catch(() => ({}))) as { error?: unknown };
  return { status: res.status, ...(typeof body.error === 'string' ? { error: body.error } : {}) };
}
