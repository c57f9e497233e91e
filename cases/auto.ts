/**
 * Automatic cases: camera hits and vehicle violations from the bus become cases. start → open (or attach to an open
 * duplicate), update → refresh evidence, end → a note. Keyed by the finding's id, so a replayed finding never opens
 * a second case; after a case closes, a new finding at the same spot opens a new one.
 */
import type { HitEvent, ViolationEvent } from '../kernel/bus.ts';
import type { CameraConfig, ZoneConfig } from '../kernel/config/schema.ts';
import type { EvidenceStore } from '../kernel/evidence.ts';
import type { Logger } from '../kernel/log.ts';
import { dur, msg, ref as named, type Text } from '../kernel/messages/text.ts';
import type { LatLon } from '../kernel/geo.ts';
import type { Case, Evidence, Hit, Violation } from '../kernel/types/index.ts';
import { findDuplicate } from './dedup.ts';
import { openForVehicle } from './repo.ts';
import { OPEN_STATUSES } from './rules.ts';
import { SYSTEM, type CaseService } from './service.ts';

export interface AutoDeps {
  readonly service: CaseService;
  readonly evidence: EvidenceStore;
  readonly log: Logger;
  readonly cameras: readonly CameraConfig[];
  readonly zones: readonly ZoneConfig[];
}

const RULE_TEXT = {
  vending: msg('cases.rule.vending'),
  litter: msg('cases.rule.litter'),
} as const satisfies Record<Hit['rule'], Text>;

/** What a vehicle finding says: its message, or (older producers) its text. */
const detailOf = (v: Violation): Text | string => v.text ?? v.description;

const usable = (p: LatLon | undefined): p is LatLon =>
  p !== undefined &&
  Number.isFinite(p.lat) &&
  Number.isFinite(p.lon) &&
  Math.abs(p.lat) <= 90 &&
  Math.abs(p.lon) <= 180 &&
  !(p.lat === 0 && p.lon === 0);

/** Where a vehicle finding is: its place, else the last point of its track; never 0,0 ("no fix"). */
export function placeOf(v: Violation): LatLon | undefined {
  if (usable(v.where)) return { lat: v.where.lat, lon: v.where.lon };
  const last = [...v.track].reverse().find(usable);
  return last ? { lat: last.lat, lon: last.lon } : undefined;
}

const point = (p: LatLon) => ({ type: 'Point', coordinates: [p.lon, p.lat] });

export class AutoCases {
  constructor(private readonly deps: AutoDeps) {}

  onHit({ phase, hit }: HitEvent): Case | undefined {
    const { service, log } = this.deps;
    const cat = service.catalog.category(hit.category);
    if (!cat) {
      log.warn(
        { hit: hit.id, category: hit.category },
        'hit names a category missing from cases.categories; no case opened',
      );
      return undefined;
    }
    const ref = `hit:${hit.id}`;
    return service.transaction(() => {
      const own = this.own(ref);
      if (phase === 'end')
        return (
          own &&
          service.note(
            own.id,
            msg('cases.note.hitEnded', { duration: dur((hit.end ?? hit.lastSeen) - hit.start) }),
            SYSTEM,
          )
        );
      if (own) return this.refresh(own, ref, hit.evidence, []);
      if (phase === 'update' && service.repo.caseIdByRef(ref) !== undefined) return undefined; // its case is closed
      // a false-alarm mask covers it: kept (ledger, alerts), no case; an update after the mask is lifted opens one
      if (hit.suppressed) return undefined;
      const zone = this.deps.zones.find((z) => z.id === hit.zoneId);
      const camera = this.deps.cameras.find((c) => c.id === hit.cameraId);
      const location = hit.location ?? zone?.location ?? camera?.location;
      const where = { location, cameraId: hit.cameraId, zoneId: hit.zoneId };
      const near = service.repo.openCandidates(
        hit.category,
        { ...location, cameraId: hit.cameraId, zoneId: hit.zoneId },
        cat.dedupMeters,
      );
      const dup = findDuplicate(near, where, cat.dedupMeters);
      if (dup) {
        return service.attach(
          dup.id,
          {
            ref,
            evidence: hit.evidence,
            cameraId: hit.cameraId,
            zoneId: hit.zoneId,
            note: msg('cases.note.seenAgain', { camera: named('camera', hit.cameraId) }),
          },
          SYSTEM,
        );
      }
      const about = {
        category: named('category', hit.category),
        zone: named('zone', hit.zoneId),
        camera: named('camera', hit.cameraId),
        rule: RULE_TEXT[hit.rule],
      };
      const descriptionText =
        hit.repeat > 1
          ? msg('cases.desc.cameraRepeat', { ...about, repeat: hit.repeat })
          : msg('cases.desc.camera', {
              category: about.category,
              zone: about.zone,
              camera: about.camera,
              rule: about.rule,
            });
      const input = {
        source: 'camera' as const,
        category: hit.category,
        description: '',
        descriptionText,
        location,
        gridCell: hit.gridCell ?? zone?.gridCell ?? camera?.gridCell,
        cameraId: hit.cameraId,
        zoneId: hit.zoneId,
        evidence: hit.evidence,
        refs: [ref],
      };
      return service.create(input, SYSTEM, { autoRegister: cat.autoRegister, autoDispatch: cat.autoDispatch });
    });
  }

  onViolation({ phase, violation: v }: ViolationEvent): Case | undefined {
    const { service, log } = this.deps;
    const cat = service.catalog.category(v.category);
    if (!cat) {
      log.warn(
        { violation: v.id, category: v.category },
        'violation names a category missing from cases.categories; no case opened',
      );
      return undefined;
    }
    const ref = `violation:${v.id}`;
    return service.transaction(() => {
      const own = this.own(ref);
      if (phase === 'end')
        return (
          own &&
          service.note(
            own.id,
            msg('cases.note.violationEnded', { duration: dur((v.end ?? v.start) - v.start) }),
            SYSTEM,
          )
        );
      const track = this.trackEvidence(v);
      if (own) return this.refresh(own, ref, track, ['track']);
      if (phase === 'update' && service.repo.caseIdByRef(ref) !== undefined) return undefined;
      const dup = openForVehicle(service.repo, v.category, v.vehicleId)[0];
      if (dup)
        return service.attach(
          dup.id,
          {
            ref,
            evidence: track,
            note: msg('cases.note.vehicleAgain', { vehicle: named('vehicle', v.vehicleId), detail: detailOf(v) }),
          },
          SYSTEM,
        );
      const location = placeOf(v);
      if (!location) log.warn({ violation: v.id }, 'violation has no usable location; case opened without one');
      const input = {
        source: 'vehicle' as const,
        category: v.category,
        description: '',
        descriptionText: msg('cases.desc.vehicle', {
          category: named('category', v.category),
          detail: detailOf(v),
          vehicle: named('vehicle', v.vehicleId),
          plan: named('plan', v.planId),
        }),
        ...(location ? { location } : {}),
        vehicleId: v.vehicleId,
        contractor: v.contractor,
        evidence: track,
        refs: [ref],
      };
      return service.create(input, SYSTEM, { autoRegister: cat.autoRegister, autoDispatch: cat.autoDispatch });
    });
  }

  /** The open case this finding already belongs to. */
  private own(ref: string): Case | undefined {
    const id = this.deps.service.repo.caseIdByRef(ref);
    const c = id === undefined ? undefined : this.deps.service.get(id);
    return c && OPEN_STATUSES.includes(c.status) ? c : undefined;
  }

  /** Attach evidence the case does not have yet; nothing is written when there is none. */
  private refresh(c: Case, ref: string, evidence: readonly Evidence[], replaceKinds: Evidence['kind'][]): Case {
    const have = new Set(c.evidence.map((e) => e.sha256));
    if (evidence.every((e) => have.has(e.sha256))) return c;
    return (
      this.deps.service.attach(
        c.id,
        { ref, evidence, replaceKinds, note: msg('cases.note.evidenceRefreshed') },
        SYSTEM,
      ) ?? c
    );
  }

  /**
   * The violation's track slice as a GeoJSON evidence file: a LineString of the track, a Point when it has one fix,
   * and where the finding is (a silent vehicle's late start has no track, but a place).
   */
  private trackEvidence(v: Violation): Evidence[] {
    const where = placeOf(v);
    if (v.track.length === 0 && !where) return [];
    const properties = { violation: v.id, vehicle: v.vehicleId, kind: v.kind, start: v.start };
    const features = [];
    if (v.track.length > 0)
      features.push({
        type: 'Feature',
        properties: { ...properties, role: 'track', times: v.track.map((p) => p.ts), missedSegments: v.missedSegments },
        geometry:
          v.track.length > 1
            ? { type: 'LineString', coordinates: v.track.map((p) => [p.lon, p.lat]) }
            : { type: 'Point', coordinates: [v.track[0]!.lon, v.track[0]!.lat] },
      });
    if (where) features.push({ type: 'Feature', properties: { ...properties, role: 'where' }, geometry: point(where) });
    const geojson = { type: 'FeatureCollection', features };
    const ts = v.track.at(-1)?.ts ?? v.end ?? v.start;
    return [this.deps.evidence.putSync(Buffer.from(JSON.stringify(geojson)), 'track', 'application/geo+json', ts)];
  }
}
