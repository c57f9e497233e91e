/** Stage vocabulary of the telemetry pipeline: Position → Violation. All readonly. */
import type { Text } from '../messages/text.ts';

/** What the vehicle's equipment reports it is doing. */
export interface WorkStatus {
  /** True while the vehicle is doing its job (brush down, spraying, lifting…). */
  readonly active: boolean;
  /** Free-form mode from the device, e.g. "sweeping", "spraying". */
  readonly mode?: string;
}

export interface Position {
  readonly vehicleId: string;
  /** Fix time, epoch milliseconds. */
  readonly ts: number;
  readonly lat: number;
  readonly lon: number;
  readonly speedKmh?: number;
  readonly heading?: number;
  readonly accuracyM?: number;
  readonly work?: WorkStatus;
  /** When gridwatch received it, epoch ms. */
  readonly receivedAt: number;
  /** Arrived after a newer fix of the same vehicle had been processed. */
  readonly late: boolean;
}

export type ViolationKind =
  | 'off-route'
  | 'overspeed'
  | 'underspeed'
  | 'late-start'
  | 'incomplete-coverage'
  | 'long-stop'
  | 'signal-lost'
  | 'forbidden-window';

export interface Violation {
  readonly id: string;
  readonly kind: ViolationKind;
  /** Case category code, e.g. "90-01". */
  readonly category: string;
  readonly vehicleId: string;
  readonly planId: string;
  readonly contractor?: string;
  readonly start: number;
  readonly end?: number;
  readonly where: { readonly lat: number; readonly lon: number };
  /** What happened, in server.locale (logs, the check-route CLI); `text` is the message to render per reader. */
  readonly description: string;
  readonly text?: Text;
  /** Track slice as [lon, lat, ts] points, and ids of missed street segments. */
  readonly track: readonly { readonly lon: number; readonly lat: number; readonly ts: number }[];
  readonly missedSegments: readonly string[];
}
