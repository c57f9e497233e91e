/** The configured vocabulary of cases — categories, units, routing, grid, calendar — as lookups. */
import type { CasesConfig, GridConfig } from '../kernel/config/schema.ts';
import { addWorkingHours, workingHoursBetween } from './calendar.ts';
import { createGridLocator, type GridLocator } from '../kernel/grid.ts';
import { gridAreas, type GridAreas } from '../kernel/grid-areas.ts';
import type { MachineEnv } from './machine.ts';
import { routeUnit } from './routing.ts';

export type Category = CasesConfig['categories'][number];
export type Unit = CasesConfig['units'][number];

export class Catalog {
  readonly locate: GridLocator;
  /** 街道 / 社区 of a grid cell (statistics). */
  readonly areas: GridAreas;
  private readonly categories: Map<string, Category>;
  private readonly units: Map<string, Unit>;

  constructor(
    readonly config: CasesConfig,
    grid: GridConfig,
  ) {
    this.locate = createGridLocator(grid);
    this.areas = gridAreas(grid);
    this.categories = new Map(config.categories.map((c) => [c.code, c]));
    this.units = new Map(config.units.map((u) => [u.id, u]));
  }

  get timezone(): string {
    return this.config.calendar.timezone;
  }

  category(code: string): Category | undefined {
    return this.categories.get(code);
  }

  unit(id: string | undefined): Unit | undefined {
    return id === undefined ? undefined : this.units.get(id);
  }

  route(category: string, cell: string | undefined): string | undefined {
    return routeUnit(this.config.routing, category, cell);
  }

  /** A vehicle contractor's name or id → the contractor unit's id when one matches, else the name as given. */
  contractor(name: string | undefined, unitId: string | undefined): string | undefined {
    if (name !== undefined) {
      const u = this.config.units.find((x) => x.id === name || x.name === name);
      return u?.id ?? name;
    }
    const unit = this.unit(unitId);
    return unit?.contractor ? unit.id : undefined;
  }

  addWorkingHours(from: number, hours: number): number {
    return addWorkingHours(this.config.calendar, from, hours);
  }

  workingHoursBetween(a: number, b: number): number {
    return workingHoursBetween(this.config.calendar, a, b);
  }

  env(now: number, category: string): MachineEnv {
    return {
      now,
      limitHours: this.category(category)?.limitHours ?? 8,
      addWorkingHours: (from, h) => this.addWorkingHours(from, h),
      workingHoursBetween: (a, b) => this.workingHoursBetween(a, b),
      knownUnit: (id) => this.units.has(id),
    };
  }
}
