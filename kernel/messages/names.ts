/** Names instead of ids: what the renderer shows for a `ref` parameter (a zone's name, a user's display name…). */
import type { Config } from '../config/schema.ts';
import type { Locale } from './catalog.ts';
import type { RefKind } from './text.ts';

export interface Names {
  /** The name of `id` (in `locale` where the thing has one per language), or undefined: the renderer shows the id. */
  name(kind: RefKind, id: string, locale: Locale): string | undefined;
}

export const noNames: Names = { name: () => undefined };

/** Names from the config: cameras, zones, units, vehicles, plans, categories (nameEn in English), cells, users. */
export function configNames(config: Config): Names {
  const table = new Map<string, string>();
  const put = (kind: RefKind, id: string, name: string | undefined): void => {
    if (name) table.set(`${kind}:${id}`, name);
  };
  for (const c of config.cameras) put('camera', c.id, c.name);
  for (const z of config.zones) put('zone', z.id, z.name);
  for (const u of config.cases.units) put('unit', u.id, u.name);
  for (const v of config.vehicles) put('vehicle', v.id, v.name);
  for (const p of config.plans) put('plan', p.id, p.name);
  for (const c of config.cases.categories) put('category', c.code, c.name);
  for (const c of config.grid.cells) put('cell', c.code, c.name);
  for (const u of config.users) put('user', u.username, u.name);
  const english = new Map(config.cases.categories.map((c) => [c.code, c.nameEn]));
  return {
    name: (kind, id, locale) =>
      (kind === 'category' && locale === 'en' ? english.get(id) : undefined) ?? table.get(`${kind}:${id}`),
  };
}

/** The first of `sources` that knows a name (e.g. users' display names from the store before the config). */
export function chainNames(...sources: readonly Names[]): Names {
  return {
    name(kind, id, locale) {
      for (const s of sources) {
        const n = s.name(kind, id, locale);
        if (n !== undefined) return n;
      }
      return undefined;
    },
  };
}
