/** Zones as the rules use them: config resolved with defaults, presence tested at an object's footprint. */
import type { Config, ZoneConfig } from '../../kernel/config/schema.ts';
import { pointInRing, type LatLon, type XY } from '../../kernel/geo.ts';
import type { Box, Concept, RuleKind } from '../../kernel/types/index.ts';
import { footprint } from './geometry.ts';
import { inAnyWindow, type TimeWindow } from '../../kernel/time.ts';

export interface Zone {
  readonly id: string;
  readonly cameraId: string;
  readonly name: string;
  readonly rule: RuleKind;
  readonly polygon: readonly XY[];
  /** Concepts whose objects count in this zone. */
  readonly concepts: readonly Concept[];
  /** Concepts that can make a finding on their own; the others only join one (a person beside a stall). */
  readonly anchorConcepts: readonly Concept[];
  readonly category: string;
  readonly dwellMs: number;
  readonly clearMs: number;
  readonly allowed: readonly TimeWindow[];
  /** litter: wait for the owner beside an object to leave, or let the dwell count with them beside it. */
  readonly attended?: 'wait' | 'dwell';
  /** vending: static objects with people beside them count as stalls (stall-objects.ts). */
  readonly staticStalls?: boolean;
  /** PTZ cameras: the preset (token or name) the polygon belongs to; the zone is watched only there (view.ts). */
  readonly preset?: string;
  readonly timezone: string;
  readonly gridCell?: string;
  readonly location?: LatLon;
  /** Thresholds (editable in the zone editor, applied live): detection score and finding size (share of the frame). */
  readonly minScore: number;
  readonly minArea: number;
  /** Camera re-check (核查) of this zone's cases. */
  readonly recheck: boolean;
}

const defaults = {
  'no-vending': { rule: 'vending', concepts: ['stall-like', 'person'], category: '05-04', dwellS: 300 },
  'litter-watch': { rule: 'litter', concepts: ['litter-like', 'bag-like'], category: '01-02', dwellS: 600 },
} as const;

/**
 * People alone do not make a vending finding when the zone also watches stall-like objects: a person standing
 * still (waiting for a bus) is not a stall. A zone that watches only people (peddlers) anchors on people.
 */
function anchorsOf(concepts: readonly Concept[]): Concept[] {
  const nonPerson = concepts.filter((c) => c !== 'person');
  return nonPerson.length > 0 ? nonPerson : [...concepts];
}

export function resolveZone(z: ZoneConfig, fallback: { timezone: string; gridCell?: string; location?: LatLon }): Zone {
  const d = defaults[z.kind];
  const concepts = z.concepts ?? [...d.concepts];
  return {
    id: z.id,
    cameraId: z.camera,
    name: z.name ?? z.id,
    rule: d.rule,
    polygon: z.polygon,
    concepts,
    anchorConcepts: anchorsOf(concepts),
    category: z.category ?? d.category,
    dwellMs: (z.dwellSeconds ?? d.dwellS) * 1000,
    clearMs: (z.clearSeconds ?? 120) * 1000,
    allowed: z.allowed ?? [],
    ...(z.attended ? { attended: z.attended } : {}),
    ...(z.staticStalls ? { staticStalls: true } : {}),
    ...(z.preset ? { preset: z.preset } : {}),
    timezone: z.timezone ?? fallback.timezone,
    gridCell: z.gridCell ?? fallback.gridCell,
    location: z.location ?? fallback.location,
    minScore: z.minScore ?? 0,
    minArea: z.minArea ?? 0,
    recheck: z.recheck ?? true,
  };
}

/**
 * Every zone of the config (or `zones`), each completed from its camera (location, grid cell) and the work calendar's
 * time zone.
 */
export function resolveZones(
  config: Config,
  cellOf?: (p: LatLon) => string | undefined,
  zones: readonly ZoneConfig[] = config.zones,
): Zone[] {
  return zones.map((z) => {
    const cam = config.cameras.find((c) => c.id === z.camera);
    const location = z.location ?? cam?.location;
    const gridCell = z.gridCell ?? cam?.gridCell ?? (location && cellOf ? cellOf(location) : undefined);
    return resolveZone(z, { timezone: config.cases.calendar.timezone, gridCell, location });
  });
}

/** Is the object whose relative box is `box` in the zone? Tested at its footprint (bottom-centre). */
export function inZone(zone: Pick<Zone, 'polygon'>, box: Box): boolean {
  return pointInRing(footprint(box), zone.polygon);
}

/** Is the zone's activity allowed at `ts` (then it yields no hits)? */
export function allowedAt(zone: Pick<Zone, 'allowed' | 'timezone'>, ts: number): boolean {
  return inAnyWindow(zone.allowed, ts, zone.timezone);
}
