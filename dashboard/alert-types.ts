/** Alerts shown in the monitoring room: a new hit, a new violation, a camera or vehicle going offline. */
import type { Evidence } from '../kernel/types/index.ts';

export type AlertKind = 'hit' | 'violation' | 'camera-offline' | 'vehicle-offline';

export interface Alert {
  /** Stable: "hit:<hitId>", "violation:<id>", "camera:<id>:<ts>", "vehicle:<id>:<ts>". */
  readonly id: string;
  readonly kind: AlertKind;
  readonly ts: number;
  readonly severity: 'warning' | 'critical';
  /** Case category code of a hit / violation. */
  readonly category?: string;
  readonly cameraId?: string;
  readonly zoneId?: string;
  readonly vehicleId?: string;
  readonly hitId?: string;
  readonly violationId?: string;
  readonly location?: { readonly lat: number; readonly lon: number };
  readonly gridCell?: string;
  /** One line of detail (violation description, camera error, offline reason). */
  readonly detail?: string;
  /** Evidence path (relative to the evidence directory) of the thumbnail. */
  readonly thumbnail?: string;
  readonly evidence: readonly Evidence[];
  /** When the camera / vehicle came back, or the hit / violation ended. */
  readonly resolvedAt?: number;
  readonly acked?: { readonly by: string; readonly at: number };
  /** A hit under an operator's false-alarm mask: shown and counted, but it opens no case. */
  readonly suppressed?: { readonly maskId: string; readonly until: number };
}
