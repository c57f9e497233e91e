/** The pages, who sees them, and each role's start page. */
import { ROLES } from '../../../../kernel/types/user.ts';
import type { Role } from '../lib/session.ts';

export type PageId = 'monitor' | 'cases' | 'map' | 'zones' | 'reports' | 'stats' | 'bigscreen' | 'playback' | 'admin';

export const PAGE_ROLES: Readonly<Record<PageId, readonly Role[]>> = {
  monitor: ['admin', 'operator'],
  cases: ROLES,
  map: ROLES,
  zones: ['admin', 'operator'],
  reports: ['admin', 'operator', 'regulator'],
  stats: ['admin', 'operator', 'regulator'],
  bigscreen: ['admin', 'operator', 'regulator'],
  playback: ROLES,
  admin: ['admin'],
};

export const PAGE_ORDER: readonly PageId[] = [
  'monitor',
  'cases',
  'map',
  'zones',
  'reports',
  'stats',
  'bigscreen',
  'playback',
  'admin',
];

export const HOME: Readonly<Record<Role, PageId>> = {
  admin: 'monitor',
  operator: 'monitor',
  handler: 'cases',
  regulator: 'reports',
  inspector: 'cases',
};

export function pagesFor(role: Role): PageId[] {
  return PAGE_ORDER.filter((p) => PAGE_ROLES[p].includes(role));
}
