/** Inputs of the admin routes (validated with zv; errors name the field). */
import { z } from 'zod';
import { ROLES } from '../../kernel/types/user.ts';
import { AUDIT_KINDS } from './audit.ts';

const password = z.string().min(8).max(256).describe('Password (at least 8 characters; stored only as a hash).');
const name = z.string().trim().min(1).max(64).describe('Display name, e.g. 执法队员 李强.');
const unit = z.string().min(1).max(64).describe('Unit id (cases.units).');
const cells = z
  .array(z.string().trim().min(1).max(64))
  .max(500)
  .describe("An inspector's grid cell codes (they see and verify only these cells' cases).");

export const usernameParam = z.strictObject({ username: z.string().min(1).max(64) });
export const idParam = z.strictObject({ id: z.string().min(1).max(64) });

export const newUserBody = z.strictObject({
  username: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{2,32}$/, 'must be 2–32 letters, digits, "_", "-" or "."')
    .describe('Login name.'),
  role: z.enum(ROLES).describe('Role.'),
  unit: unit.optional(),
  name: name.optional(),
  cells: cells.optional(),
  password,
});

export const userChangeBody = z.strictObject({
  role: z.enum(ROLES).optional().describe('New role.'),
  unit: unit.nullable().optional().describe('New unit id, or null to clear it (not for a handler).'),
  name: name.optional(),
  disabled: z.boolean().optional().describe('true: refuse their logins and end their sessions; false: allow again.'),
  cells: cells.optional().describe("An inspector's grid cells (replaces the list; [] clears it)."),
});

export const passwordBody = z.strictObject({ password });

export const apiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('Who the key is for (a citizen app, the 12345 hotline system).'),
});

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .describe('A local date (the work calendar time zone).');

export const auditQuery = z.strictObject({
  user: z.string().max(64).optional().describe('User name: as the one who acted or the one acted on.'),
  kind: z.enum(AUDIT_KINDS).optional().describe('Kind of entry.'),
  from: day.optional().describe('First local date (inclusive).'),
  to: day.optional().describe('Last local date (inclusive).'),
  text: z.string().max(200).optional().describe('Text in the action, target, detail, user or address.'),
  limit: z.coerce.number().int().min(1).max(10_000).optional().describe('At most this many entries (default 500).'),
});
export type AuditQueryInput = z.infer<typeof auditQuery>;
