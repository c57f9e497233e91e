/** What /api/vehicles shows per vehicle: configuration, last position, online state, validation counts. */
import type { VehicleConfig } from '../kernel/config/schema.ts';
import type { Position } from '../kernel/types/index.ts';
import type { TelemetryCounters, VehicleCounts } from './counters.ts';
import type { StatusTracker } from './status.ts';

export interface VehicleSummary {
  readonly id: string;
  readonly name?: string;
  readonly type: VehicleConfig['type'];
  readonly contractor?: string;
  readonly plan?: string;
  readonly online: boolean;
  /** Epoch ms of the last online/offline change, null if never seen since start. */
  readonly onlineSince: number | null;
  readonly lastSeen: number | null;
  readonly statusReason: string;
  readonly position: Position | null;
  readonly counts: VehicleCounts;
}

export function vehicleSummaries(
  vehicles: readonly VehicleConfig[],
  last: readonly Position[],
  status: StatusTracker,
  counters: TelemetryCounters,
): VehicleSummary[] {
  const byId = new Map(last.map((p) => [p.vehicleId, p]));
  return vehicles.map((v) => {
    const s = status.get(v.id);
    return {
      id: v.id,
      ...(v.name !== undefined ? { name: v.name } : {}),
      type: v.type,
      ...(v.contractor !== undefined ? { contractor: v.contractor } : {}),
      ...(v.plan !== undefined ? { plan: v.plan } : {}),
      online: s.online,
      onlineSince: s.since || null,
      lastSeen: s.lastSeen,
      statusReason: s.reason,
      position: byId.get(v.id) ?? null,
      counts: counters.forVehicle(v.id),
    };
  });
}
