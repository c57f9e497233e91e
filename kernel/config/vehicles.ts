import { z } from 'zod';
import { categoryCode, id, timeWindow, timezone, type Problem } from './common.ts';

export const vehicleTypes = ['sweeper', 'sprinkler', 'washer', 'garbage-truck', 'other'] as const;

const depot = z
  .strictObject({
    lat: z.number().min(-90).max(90).describe('Latitude of the depot centre, WGS-84 degrees.'),
    lon: z.number().min(-180).max(180).describe('Longitude of the depot centre, WGS-84 degrees.'),
    radiusM: z.number().min(10).max(5000).default(150).describe('Radius of the depot area in metres.'),
  })
  .describe('Depot (yard): stops inside it are never long stops.');

export const vehicleSchema = z
  .strictObject({
    id: id.describe('Vehicle id; it publishes under PREFIX/vehicles/{id}/…'),
    name: z.string().optional().describe('Plate or name shown to regulators, e.g. "苏C·A1234".'),
    type: z.enum(vehicleTypes).describe('Vehicle type; sets the default speed band.'),
    contractor: z.string().optional().describe('Contractor (作业单位) the vehicle belongs to; reports group by it.'),
    password: z
      .string()
      .min(8, 'must be at least 8 characters')
      .optional()
      .describe('MQTT password of the vehicle (embedded broker); none → the vehicle cannot log in.'),
    plan: id.optional().describe('Id of the work plan the vehicle follows.'),
    depot: depot
      .optional()
      .describe(
        "This vehicle's depot, when it is not its plan's (vehicles of one plan kept at different yards): deadhead " +
          'to and from it is not off-route, stops in it are not long stops.',
      ),
  })
  .describe('A contracted sanitation vehicle.');

const speedBand = z
  .strictObject({
    minKmh: z.number().min(0).max(200).default(0).describe('Slower than this while working is underspeed.'),
    maxKmh: z.number().min(1).max(200).describe('Faster than this while working is overspeed.'),
  })
  .describe('Operating speed band while working.');

export const planSchema = z
  .strictObject({
    id: id.describe('Plan id.'),
    name: z.string().optional().describe('Name shown to regulators.'),
    contractor: z
      .string()
      .optional()
      .describe('Vehicles of this contractor that name no plan follow this one (a group plan).'),
    streets: z
      .string()
      .optional()
      .describe('GeoJSON file of LineStrings: the assigned streets (relative to the config file).'),
    roadIds: z.array(z.string()).optional().describe('Assigned streets as road ids of the road network.'),
    corridorM: z.number().min(5).max(500).default(30).describe('Half-width of the route corridor in metres.'),
    timezone: timezone.default('Asia/Shanghai').describe('Time zone of the windows.'),
    windows: z
      .array(timeWindow)
      .default([])
      .describe('Work windows, e.g. 05:00–07:00 and 14:00–16:00; none = the whole day.'),
    forbidden: z
      .array(timeWindow)
      .default([])
      .describe('Windows the vehicle must not work in (e.g. rush hours 07:00–10:00).'),
    speed: speedBand.optional().describe('Speed band for every vehicle of the plan; overrides speedByType.'),
    speedByType: z
      .partialRecord(z.enum(vehicleTypes), speedBand)
      .optional()
      .describe(
        'Speed band per vehicle type; defaults: sweeper 3–8, sprinkler/washer 5–15, garbage truck / other 0–30 km/h.',
      ),
    speedDebounceSeconds: z
      .number()
      .min(0)
      .max(3600)
      .default(30)
      .describe('Out of the speed band this long while working → over/underspeed.'),
    coverageMin: z
      .number()
      .min(0)
      .max(1)
      .default(0.9)
      .describe('Share of the assigned length that must be covered per window.'),
    passes: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(1)
      .describe('Passes required over each assigned street per window.'),
    startGraceMinutes: z.number().min(0).max(240).default(15).describe('No work by window start + grace → late start.'),
    maxStopMinutes: z
      .number()
      .min(1)
      .max(1440)
      .default(20)
      .describe('A stop longer than this outside the depot, in a window, is a violation.'),
    depot: depot
      .optional()
      .describe(
        'Where the vehicles of this plan start and end: driving from the depot to the assigned streets and back ' +
          '(deadhead) is not off-route, and a stop in the depot is not a long stop.',
      ),
    maxGapSeconds: z
      .number()
      .min(10)
      .max(86400)
      .default(300)
      .describe('No fix for longer than this in a window → signal lost.'),
    offRouteDebounceM: z
      .number()
      .min(0)
      .max(5000)
      .default(100)
      .describe('Distance driven outside the corridor before it counts.'),
    offRouteDebounceSeconds: z
      .number()
      .min(0)
      .max(3600)
      .default(60)
      .describe('Time outside the corridor before it counts.'),
    clearSeconds: z
      .number()
      .min(0)
      .max(3600)
      .default(30)
      .describe('A breach (off-route, speed, forbidden window) ends once clear this long.'),
    offRouteClearM: z
      .number()
      .min(0)
      .max(5000)
      .default(100)
      .describe(
        'An off-route breach ends only after this many metres driven back on the assigned streets (between two ' +
          'fixes inside the corridor), so a fix jittering across the corridor edge does not split one deviation; ' +
          'the same distance marks arriving on the route after leaving the depot.',
      ),
    categories: z
      .record(z.string(), categoryCode)
      .optional()
      .describe('Case category per violation kind, overriding the defaults (e.g. off-route → "90-01").'),
  })
  .describe('A work plan: where, when and how a vehicle works.');

type VehicleConfig = z.infer<typeof vehicleSchema>;
type PlanConfig = z.infer<typeof planSchema>;

export function checkVehicles(vehicles: readonly VehicleConfig[], plans: readonly PlanConfig[]): Problem[] {
  const problems: Problem[] = [];
  const planIds = new Set(plans.map((p) => p.id));
  const seen = new Set<string>();
  vehicles.forEach((v, i) => {
    if (seen.has(v.id)) problems.push({ path: ['vehicles', i, 'id'], message: `duplicate vehicle id "${v.id}"` });
    seen.add(v.id);
    if (v.plan !== undefined && !planIds.has(v.plan)) {
      problems.push({
        path: ['vehicles', i, 'plan'],
        message: `vehicle "${v.id}" references unknown plan "${v.plan}"`,
      });
    }
  });
  plans.forEach((p, i) => {
    if (!p.streets && !p.roadIds?.length) {
      problems.push({ path: ['plans', i], message: `plan "${p.id}" assigns no streets: give "streets" or "roadIds"` });
    }
    if (p.speed && p.speed.minKmh >= p.speed.maxKmh) {
      problems.push({ path: ['plans', i, 'speed'], message: 'minKmh must be below maxKmh' });
    }
    for (const [type, band] of Object.entries(p.speedByType ?? {})) {
      if (band && band.minKmh >= band.maxKmh)
        problems.push({ path: ['plans', i, 'speedByType', type], message: 'minKmh must be below maxKmh' });
    }
    if (plans.findIndex((q) => q.id === p.id) !== i)
      problems.push({ path: ['plans', i, 'id'], message: `duplicate plan id "${p.id}"` });
  });
  return problems;
}
