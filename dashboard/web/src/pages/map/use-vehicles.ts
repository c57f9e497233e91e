/**
 * Vehicles on the map: their last positions (GET /api/vehicles, telemetry), then live positions and online/offline
 * status.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { useLive } from '../../lib/live.ts';
import type { Position, VehicleStatus } from '../../lib/types.ts';

export interface VehicleOnMap {
  readonly id: string;
  readonly online: boolean;
  readonly last?: Position;
}

interface VehiclesAnswer {
  readonly vehicles: readonly { id: string; online?: boolean; position?: Position | null }[];
}

export function useVehicles(): ReadonlyMap<string, VehicleOnMap> {
  const [vehicles, setVehicles] = useState<ReadonlyMap<string, VehicleOnMap>>(new Map());
  useEffect(() => {
    api.get<VehiclesAnswer>('/api/vehicles').then(
      (r) =>
        setVehicles(
          new Map(
            r.vehicles.map((v) => [
              v.id,
              { id: v.id, online: v.online ?? false, ...(v.position ? { last: v.position } : {}) },
            ]),
          ),
        ),
      () => undefined,
    );
  }, []);
  useLive<Position>('vehicle.position', (p) =>
    setVehicles((cur) => new Map(cur).set(p.vehicleId, { id: p.vehicleId, online: true, last: p })),
  );
  useLive<VehicleStatus>('vehicle.status', (s) =>
    setVehicles((cur) => {
      const v = cur.get(s.vehicleId);
      return new Map(cur).set(s.vehicleId, { id: s.vehicleId, online: s.online, ...(v?.last ? { last: v.last } : {}) });
    }),
  );
  return vehicles;
}
