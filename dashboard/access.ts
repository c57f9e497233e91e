/**
 * Who may call what: the one route → roles table. The guard middleware looks every /api request up here (a route
 * missing from the table is refused for everybody), the OpenAPI document is generated from it, and a table-driven
 * test walks every registered route with an anonymous and a wrong-role request. Add a line here with each new route.
 */
import type { z } from 'zod';
import type { Role } from '../kernel/types/user.ts';
import { ACCESS_RULES } from './access-table.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AccessRule {
  readonly method: Method;
  /** Hono path pattern: ":param" for one segment, "*" for the rest. */
  readonly path: string;
  /** Roles allowed; 'public' needs no session (login, health, Open311 with its own api key). */
  readonly roles: 'public' | readonly Role[];
  readonly summary: string;
  /** Group in the OpenAPI document. */
  readonly tag: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
}

export const ROLES: readonly Role[] = ['admin', 'operator', 'handler', 'regulator'];

interface Compiled {
  readonly rule: AccessRule;
  readonly re: RegExp;
  readonly specificity: number;
}

function compile(rule: AccessRule): Compiled {
  const segs = rule.path
    .split('/')
    .map((s) => (s === '*' ? '.*' : s.startsWith(':') ? '[^/]+' : s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')));
  const params = (rule.path.match(/:/g) ?? []).length;
  const wild = rule.path.includes('*') ? 1 : 0;
  return { rule, re: new RegExp(`^${segs.join('/')}/?$`), specificity: wild * 1000 + params };
}

const compiled: readonly Compiled[] = ACCESS_RULES.map(compile).sort((a, b) => a.specificity - b.specificity);

/** The rule for a request; static paths win over parameterised ones, which win over wildcards. */
export function findRule(method: string, path: string): AccessRule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return compiled.find((c) => c.rule.method === m && c.re.test(path))?.rule;
}

export function allows(rule: AccessRule, role: Role | undefined): boolean {
  if (rule.roles === 'public') return true;
  return role !== undefined && rule.roles.includes(role);
}

export { ACCESS_RULES };
