/**
 * Phone or desktop: "#/phone/…" is the phone UI; a role with phone pages (a handler) lands on it at the start page
 * ("#/" with nothing after) when the screen is narrow (≤ 600 px). Any other route is the desktop UI.
 */
import type { Route } from '../../lib/router.ts';
import type { Role } from '../../lib/session.ts';
import { phoneHome } from './registry.ts';

export const NARROW = '(max-width: 600px)';

export function wantsPhone(route: Route, role: Role, narrow = matchMedia(NARROW).matches): boolean {
  if (!phoneHome(role)) return false;
  if (route.parts[0] === 'phone') return true;
  return route.parts.length === 0 && narrow;
}
