/** Who is logged in (undefined while checking, null when nobody) and the CSRF token for writes. */
import type { Role } from '../../../../kernel/types/user.ts';
import { createStore } from './store.ts';

export interface User {
  readonly username: string;
  readonly role: Role;
  readonly unit?: string;
  readonly name?: string;
}

export interface Session {
  readonly user: User;
  readonly csrf: string;
}

export const sessionStore = createStore<Session | null | undefined>(undefined);

export function hasRole(...roles: Role[]): boolean {
  const s = sessionStore.get();
  return !!s && roles.includes(s.user.role);
}

export type { Role };
