import { z } from 'zod';
import { ROLES } from '../types/user.ts';
import type { Problem } from './common.ts';

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).describe('[lon, lat].');

export const gridCellSchema = z
  .strictObject({
    code: z
      .string()
      .min(1)
      .describe('Cell code, hierarchical (district → street → community → cell), e.g. 320302001001.'),
    name: z.string().optional().describe('Cell name.'),
    polygon: z.array(lonLat).min(3, 'needs at least 3 points').describe('Cell outline as [lon, lat] points.'),
  })
  .describe('One unit grid cell (单元网格).');

export const regularGridSchema = z
  .strictObject({
    origin: lonLat.describe('South-west corner [lon, lat] of the grid.'),
    cellMeters: z.number().min(10).max(5000).default(100).describe('Cell edge in metres (100 m → 10,000 m²).'),
    columns: z.number().int().min(1).max(10000).describe('Cells west → east.'),
    rows: z.number().int().min(1).max(10000).describe('Cells south → north.'),
    prefix: z.string().default('').describe('Code prefix (district/street/community) before the row/column number.'),
  })
  .describe('A regular grid of square cells, coded PREFIX + row (3 digits) + column (3 digits).');

export const gridAreaSchema = z
  .strictObject({
    code: z
      .string()
      .min(1)
      .describe(
        "Code prefix shared by the area's cell codes, e.g. 440307001 (a street) or 440307001002 (a community).",
      ),
    name: z.string().min(1).describe('Name, e.g. 龙城街道 or 回龙埔社区.'),
    level: z.enum(['street', 'community']).describe('street (街道) or community (社区).'),
  })
  .describe('A 街道 or 社区: the cells whose code starts with its code.');

export const gridSchema = z
  .strictObject({
    cells: z.array(gridCellSchema).default([]).describe('Cells as polygons.'),
    areas: z
      .array(gridAreaSchema)
      .default([])
      .describe(
        'Streets (街道) and communities (社区) by cell-code prefix, for statistics; without any, the code layout ' +
          'district (6) + street (3) + community (3) + cell is assumed.',
      ),
    regular: regularGridSchema
      .optional()
      .describe('Or a regular grid; polygons take precedence where both cover a point.'),
  })
  .describe('The unit grid.');

export const userSchema = z
  .strictObject({
    username: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{2,32}$/, 'must be 2–32 letters, digits, "_", "-" or "."')
      .describe('Login name.'),
    role: z
      .enum(ROLES)
      .describe(
        'admin, operator (受理/派遣/核查), handler (处置), regulator (read + evaluate), inspector (信息采集员: ' +
          'reports problems, verifies 核查 in their cells).',
      ),
    password: z
      .string()
      .min(8, 'must be at least 8 characters')
      .describe('Initial password; stored hashed, changed with `gridwatch user passwd`.'),
    unit: z.string().optional().describe('Unit a handler belongs to.'),
    name: z.string().optional().describe('Display name.'),
    cells: z
      .array(z.string().min(1).max(64))
      .max(500)
      .optional()
      .describe("Grid cell codes an inspector walks (they see and verify only these cells' cases)."),
  })
  .describe('A user created at first start if missing.');

type Grid = z.infer<typeof gridSchema>;

/** Is `code` a cell of this grid (a polygon's code, or a regular-grid code inside its rows and columns)? */
export function gridHasCell(grid: Grid, code: string): boolean {
  if (grid.cells.some((c) => c.code === code)) return true;
  const r = grid.regular;
  if (!r || !code.startsWith(r.prefix)) return false;
  const m = /^(\d{3})(\d{3})$/.exec(code.slice(r.prefix.length));
  if (!m) return false;
  const row = Number(m[1]);
  const col = Number(m[2]);
  return row >= 1 && row <= r.rows && col >= 1 && col <= r.columns;
}

/** Cross-checks of the users list: unique names, handlers belong to a configured unit. */
export function checkUsers(
  users: readonly z.infer<typeof userSchema>[],
  unitIds: readonly string[],
  grid?: Grid,
): Problem[] {
  const problems: Problem[] = [];
  const names = new Set<string>();
  users.forEach((u, i) => {
    if (names.has(u.username))
      problems.push({ path: ['users', i, 'username'], message: `duplicate user "${u.username}"` });
    names.add(u.username);
    if (u.role === 'handler' && u.unit === undefined)
      problems.push({ path: ['users', i, 'unit'], message: `handler "${u.username}" needs a unit` });
    if (u.unit !== undefined && !unitIds.includes(u.unit)) {
      problems.push({
        path: ['users', i, 'unit'],
        message: `user "${u.username}" references unknown unit "${u.unit}"`,
      });
    }
    if (u.cells !== undefined && u.role !== 'inspector')
      problems.push({ path: ['users', i, 'cells'], message: `only an inspector has cells (role ${u.role})` });
    (u.cells ?? []).forEach((cell, j) => {
      if (grid && !gridHasCell(grid, cell))
        problems.push({ path: ['users', i, 'cells', j], message: `unknown grid cell "${cell}"` });
    });
  });
  return problems;
}
