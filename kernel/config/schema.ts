/** The one gridwatch configuration schema: strict (unknown keys rejected), every field described. */
import { z } from 'zod';
import { cameraSchema, checkCameras, zoneSchema } from './cameras.ts';
import { casesSchema, checkCases } from './cases.ts';
import { checkRole, clusterSchema, nodeSchema } from './cluster.ts';
import type { Problem } from './common.ts';
import { databaseSchema } from './database.ts';
import { checkUsers, gridSchema, userSchema } from './grid.ts';
import { checkJt808, jt808Schema } from './jt808.ts';
import { mediaSchema } from './media.ts';
import { modelsSchema } from './models.ts';
import { mqttSchema } from './mqtt.ts';
import { logSchema, serverSchema } from './server.ts';
import { storageSchema } from './storage.ts';
import { checkVehicles, planSchema, vehicleSchema } from './vehicles.ts';

const baseSchema = z
  .strictObject({
    dataDir: z
      .string()
      .default('data')
      .describe('Directory for databases, evidence and recordings (relative to the working directory).'),
    log: logSchema.default({ level: 'info' }),
    database: databaseSchema.prefault({}),
    server: serverSchema.prefault({}),
    mqtt: mqttSchema.prefault({ mode: 'embedded' }),
    storage: storageSchema.prefault({ kind: 'embedded' }),
    jt808: jt808Schema.optional(),
    media: mediaSchema.prefault({}),
    models: modelsSchema.prefault({}),
    cameras: z.array(cameraSchema).default([]).describe('Cameras to pull and analyse.'),
    zones: z.array(zoneSchema).default([]).describe('Watched zones, each on one camera.'),
    roads: z
      .strictObject({
        file: z
          .string()
          .describe('Road network: GeoJSON LineStrings or OpenStreetMap XML (.osm), relative to the config file.'),
        highways: z
          .array(z.string())
          .optional()
          .describe('OSM highway classes kept (default: streets vehicles drive, no footways/steps/cycleways).'),
        maxSegmentM: z
          .number()
          .min(5)
          .max(500)
          .default(50)
          .describe('Roads are split into segments at most this long; coverage is measured per segment.'),
      })
      .optional()
      .describe('Road network used for map matching and street coverage.'),
    vehicles: z.array(vehicleSchema).default([]).describe('Supervised vehicles.'),
    plans: z.array(planSchema).default([]).describe('Work plans.'),
    cases: casesSchema.prefault({}),
    grid: gridSchema.prefault({}),
    users: z.array(userSchema).default([]).describe('Users created at first start if missing.'),
    node: nodeSchema.prefault({}),
    cluster: clusterSchema.optional(),
  })
  .describe('gridwatch configuration.');

export type Config = z.infer<typeof baseSchema>;

/** Cross-field checks across sections; each names the path it is about. */
function crossChecks(c: Config): Problem[] {
  return [
    ...checkCameras(c.cameras, c.zones),
    ...checkVehicles(c.vehicles, c.plans),
    ...checkJt808(
      c.jt808,
      c.vehicles.map((v) => v.id),
    ),
    ...checkCases(c.cases),
    ...checkRole(c.node, c.cluster, c.mqtt.mode),
    ...checkUsers(
      c.users,
      c.cases.units.map((u) => u.id),
      c.grid,
    ),
  ];
}

export const configSchema = baseSchema.superRefine((c, ctx) => {
  for (const p of crossChecks(c)) ctx.addIssue({ code: 'custom', path: [...p.path], message: p.message });
});

/**
 * Cross-field checks on a config that failed elsewhere: each section is parsed on its own and the checks run on
 * the sections that parse, so one wrong type elsewhere does not hide "zone X references unknown camera Y".
 */
export function partialCrossChecks(raw: unknown): Problem[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const r = raw as Record<string, unknown>;
  const section = <T>(schema: z.ZodType<T>, key: string, fallback: unknown): T | undefined => {
    const res = schema.safeParse(r[key] ?? fallback);
    return res.success ? res.data : undefined;
  };
  const problems: Problem[] = [];
  const cameras = section(baseSchema.shape.cameras, 'cameras', []);
  const zones = section(baseSchema.shape.zones, 'zones', []);
  if (cameras && zones) problems.push(...checkCameras(cameras, zones));
  const vehicles = section(baseSchema.shape.vehicles, 'vehicles', []);
  const plans = section(baseSchema.shape.plans, 'plans', []);
  if (vehicles && plans) problems.push(...checkVehicles(vehicles, plans));
  const jt808 = section(baseSchema.shape.jt808, 'jt808', undefined);
  if (vehicles && jt808)
    problems.push(
      ...checkJt808(
        jt808,
        vehicles.map((v) => v.id),
      ),
    );
  const cases = section(baseSchema.shape.cases, 'cases', {});
  if (cases) problems.push(...checkCases(cases));
  const users = section(baseSchema.shape.users, 'users', []);
  const grid = section(baseSchema.shape.grid, 'grid', {});
  if (users && cases)
    problems.push(
      ...checkUsers(
        users,
        cases.units.map((u) => u.id),
        grid,
      ),
    );
  return problems;
}

export type CameraConfig = z.infer<typeof cameraSchema>;
export type ZoneConfig = z.infer<typeof zoneSchema>;
export type VehicleConfig = z.infer<typeof vehicleSchema>;
export type PlanConfig = z.infer<typeof planSchema>;
export type CasesConfig = z.infer<typeof casesSchema>;
export type GridConfig = z.infer<typeof gridSchema>;
export type UserConfig = z.infer<typeof userSchema>;
export type { Jt808Config } from './jt808.ts';
export type { ClusterConfig, NodeConfig, NodeRole } from './cluster.ts';
