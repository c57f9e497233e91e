/**
 * Zones edited in the dashboard. Configured zones stay in the config file; a saved edit replaces one camera's zones
 * and is kept in DATA/zones.json ({"version":1,"cameras":{"cam-1":[…zones…]}}), written atomically. The detector
 * applies it at start (`effectiveZones`) and live on the bus topic `zones.changed`.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { EventBus } from '../../kernel/bus.ts';
import { zoneSchema } from '../../kernel/config/cameras.ts';
import { formatIssues } from '../../kernel/config/load.ts';
import type { Config, ZoneConfig } from '../../kernel/config/schema.ts';
import { InputError, errorMessage } from '../../kernel/errors.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { msg } from '../../kernel/messages/text.ts';

const overridesSchema = z.strictObject({
  version: z.literal(1),
  cameras: z.record(z.string(), z.array(zoneSchema)),
});
export type ZoneOverrides = z.infer<typeof overridesSchema>;

export const zonesFile = (dataDir: string): string => path.join(dataDir, 'zones.json');

/** The saved edits, or none; a damaged file is an InputError naming the file and the fields. */
export function readZoneOverrides(dataDir: string): ZoneOverrides {
  const file = zonesFile(dataDir);
  if (!existsSync(file)) return { version: 1, cameras: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${file} is not valid JSON: ${errorMessage(err)}`);
  }
  const r = overridesSchema.safeParse(raw);
  if (!r.success) throw new InputError(`${file} is invalid:\n  ${formatIssues(r.error).join('\n  ')}`);
  return r.data;
}

/** Configured zones with each edited camera's zones replaced by its saved list. */
export function effectiveZones(configured: readonly ZoneConfig[], overrides: ZoneOverrides): ZoneConfig[] {
  const edited = new Set(Object.keys(overrides.cameras));
  return [...configured.filter((z) => !edited.has(z.camera)), ...Object.values(overrides.cameras).flat()];
}

export class ZoneStore {
  private overrides: ZoneOverrides;

  constructor(
    private readonly config: Config,
    private readonly dataDir: string,
    private readonly bus: EventBus,
  ) {
    this.overrides = readZoneOverrides(dataDir);
  }

  list(camera?: string): ZoneConfig[] {
    const all = effectiveZones(this.config.zones, this.overrides);
    return camera ? all.filter((z) => z.camera === camera) : all;
  }

  /** Replace one camera's zones; ids must stay unique across cameras. */
  replace(cameraId: string, zones: readonly Omit<ZoneConfig, 'camera'>[], by: string): ZoneConfig[] {
    if (!this.config.cameras.some((c) => c.id === cameraId))
      throw new HttpError('not_found', { what: msg('detect.what.camera', { id: cameraId }) });
    const others = new Set(
      this.list()
        .filter((z) => z.camera !== cameraId)
        .map((z) => z.id),
    );
    const seen = new Set<string>();
    for (const zone of zones) {
      if (seen.has(zone.id) || others.has(zone.id))
        throw new HttpError('conflict', { detail: msg('detect.zoneIdUsed', { id: zone.id }) });
      seen.add(zone.id);
    }
    const full: ZoneConfig[] = zones.map((zone) => ({ ...zone, camera: cameraId }));
    const next: ZoneOverrides = { version: 1, cameras: { ...this.overrides.cameras, [cameraId]: full } };
    const file = zonesFile(this.dataDir);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
    renameSync(tmp, file);
    this.overrides = next;
    this.bus.emit('zones.changed', { cameraId, zones: full, by });
    return full;
  }
}
