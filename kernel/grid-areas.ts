/**
 * 街道 / 社区 of a grid cell, for statistics: the configured area (`grid.areas`) with the longest code prefix of the
 * cell's code at each level; without areas configured for a level, the code layout district (6 digits) + street (3)
 * + community (3) + cell is assumed (codes shorter than that have no area at the level).
 */
import type { GridConfig } from './config/schema.ts';

export type AreaLevel = 'street' | 'community';

export interface GridAreas {
  /** The area code of a cell at a level; undefined when the cell belongs to none. */
  of(cell: string | undefined, level: AreaLevel): string | undefined;
  /** The configured name of an area code (the code itself when unnamed). */
  name(code: string): string;
}

const LAYOUT: Readonly<Record<AreaLevel, number>> = { street: 9, community: 12 };

export function gridAreas(grid: Pick<GridConfig, 'areas'>): GridAreas {
  const names = new Map(grid.areas.map((a) => [a.code, a.name]));
  const byLevel = (level: AreaLevel): string[] =>
    grid.areas
      .filter((a) => a.level === level)
      .map((a) => a.code)
      .sort((a, b) => b.length - a.length);
  const prefixes: Record<AreaLevel, string[]> = { street: byLevel('street'), community: byLevel('community') };
  return {
    of(cell, level) {
      if (cell === undefined) return undefined;
      const list = prefixes[level];
      if (list.length > 0) return list.find((p) => cell.startsWith(p));
      const n = LAYOUT[level];
      return cell.length > n ? cell.slice(0, n) : undefined;
    },
    name: (code) => names.get(code) ?? code,
  };
}
