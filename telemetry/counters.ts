/**
 * Acceptance and rejection counts, per reason and per vehicle: kept here for health() and /api/vehicles, and
 * mirrored into the Prometheus counters. Vehicle labels are limited to configured ids (others count as "unknown").
 */
import { acceptedTotal, duplicatesTotal, lateTotal, rejectedTotal } from './metrics.ts';
import type { RejectReason } from './types.ts';

export interface VehicleCounts {
  accepted: number;
  late: number;
  duplicates: number;
  rejected: Partial<Record<RejectReason, number>>;
}

export type Outcome = 'accepted' | 'late' | 'duplicate';

const PROM_OUTCOME = { accepted: acceptedTotal, late: lateTotal, duplicate: duplicatesTotal } as const;

export class TelemetryCounters {
  private readonly perVehicle = new Map<string, VehicleCounts>();
  private readonly perReason = new Map<RejectReason, number>();
  private totals = { accepted: 0, late: 0, duplicates: 0, rejected: 0 };

  constructor(private readonly known: (vehicleId: string) => boolean) {}

  private vehicle(id: string): VehicleCounts {
    let c = this.perVehicle.get(id);
    if (!c) {
      c = { accepted: 0, late: 0, duplicates: 0, rejected: {} };
      this.perVehicle.set(id, c);
    }
    return c;
  }

  /** An accepted position: 'late' counts as accepted too. */
  outcome(vehicleId: string, o: Outcome): void {
    const c = this.vehicle(vehicleId);
    if (o === 'duplicate') {
      c.duplicates++;
      this.totals.duplicates++;
    } else {
      c.accepted++;
      this.totals.accepted++;
      acceptedTotal.inc({ vehicle: vehicleId });
      if (o === 'late') {
        c.late++;
        this.totals.late++;
      }
    }
    if (o !== 'accepted') PROM_OUTCOME[o].inc({ vehicle: vehicleId });
  }

  rejected(reason: RejectReason, vehicleId: string | undefined): void {
    this.totals.rejected++;
    this.perReason.set(reason, (this.perReason.get(reason) ?? 0) + 1);
    const label = vehicleId !== undefined && this.known(vehicleId) ? vehicleId : 'unknown';
    rejectedTotal.inc({ reason, vehicle: label });
    if (label !== 'unknown') {
      const c = this.vehicle(label);
      c.rejected[reason] = (c.rejected[reason] ?? 0) + 1;
    }
  }

  forVehicle(id: string): VehicleCounts {
    const c = this.perVehicle.get(id);
    return c ? { ...c, rejected: { ...c.rejected } } : { accepted: 0, late: 0, duplicates: 0, rejected: {} };
  }

  byReason(): Partial<Record<RejectReason, number>> {
    return Object.fromEntries(this.perReason);
  }

  summary(): Readonly<typeof this.totals> {
    return { ...this.totals };
  }
}
