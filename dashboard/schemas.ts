/** Request schemas of the dashboard's own routes (shared by the routes and the OpenAPI document). */
import { z } from 'zod';
import { zoneSchema } from '../kernel/config/cameras.ts';
import { intString, MAX_TIME_MS } from '../kernel/http/strict.ts';

export const loginBody = z.strictObject({
  username: z.string().min(1).max(64).describe('Login name.'),
  password: z.string().min(1).max(256).describe('Password.'),
});

const epochMs = intString(0, MAX_TIME_MS);

export const alertsQuery = z.strictObject({
  since: epochMs.optional().describe('Only alerts at or after this time (epoch ms).'),
  unacked: z.enum(['true', 'false']).optional().describe('"true": only alerts nobody has acknowledged.'),
  limit: intString(1, 500).default(100).describe('At most this many, newest first.'),
});

export const idParam = z.strictObject({ id: z.string().min(1).max(128).describe('Id.') });

export const zonesQuery = z.strictObject({
  camera: z.string().min(1).max(64).optional().describe('Only this camera.'),
});

/** Zones saved from the editor: the camera comes from the path, so it is not repeated per zone. */
export const editedZone = zoneSchema.omit({ camera: true });
export const zonesBody = z.strictObject({
  zones: z.array(editedZone).max(50).describe("The camera's complete new zone list (replaces the old one)."),
});

export const eventsQuery = z.strictObject({
  topics: z.string().max(200).optional().describe('Comma-separated topics; all the role may see when omitted.'),
});
