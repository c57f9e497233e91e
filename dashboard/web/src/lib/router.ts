/** Hash routing: "#/cases/C-1?status=open" → { parts: ['cases', 'C-1'], query }. */
import { createStore, useStore } from './store.ts';

export interface Route {
  readonly parts: readonly string[];
  readonly query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path = '', q = ''] = hash.replace(/^#\/?/, '').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q) };
}

/**
 * The current route, kept by one listener installed when this module loads. A hook-local listener added in an effect
 * missed a hash change made between a remount (the shell remounts when the language changes) and that effect.
 */
const routeStore = createStore<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));
if (typeof addEventListener === 'function' && typeof location !== 'undefined') {
  addEventListener('hashchange', () => routeStore.set(parseHash(location.hash)));
}

export function useRoute(): Route {
  return useStore(routeStore);
}

export function href(parts: readonly string[], query?: Readonly<Record<string, string | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v) q.set(k, v);
  const qs = q.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
}

export function navigate(parts: readonly string[], query?: Readonly<Record<string, string | undefined>>): void {
  location.hash = href(parts, query);
}
