/** Category × grid → responsible unit: the first matching route of the configured table wins. */
import type { CasesConfig } from '../kernel/config/schema.ts';

export type Route = CasesConfig['routing'][number];

export function categoryMatches(pattern: string, category: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('-*')) return category.startsWith(pattern.slice(0, -1));
  return pattern === category;
}

export function gridMatches(pattern: string, cell: string | undefined): boolean {
  if (pattern === '*') return true;
  return cell?.startsWith(pattern) === true;
}

export function routeUnit(routes: readonly Route[], category: string, cell: string | undefined): string | undefined {
  return routes.find((r) => categoryMatches(r.category, category) && gridMatches(r.grid, cell))?.unit;
}
