/** Vocabulary between the telemetry stages (Position itself lives in kernel/types/vehicle.ts). All readonly. */
import type { Position } from '../kernel/types/index.ts';

/** One MQTT message as it arrived. */
export interface RawMessage {
  readonly topic: string;
  readonly payload: Buffer;
  /** Epoch ms when gridwatch received it. */
  readonly receivedAt: number;
}

/** What a topic is about: PREFIX/vehicles/{vehicleId}/{kind}. */
export interface TopicInfo {
  readonly vehicleId: string;
  readonly kind: 'position' | 'status';
}

/** A fix as a decoder read it: a Position's fields, typed but not yet range-checked (validate does that). */
export interface DecodedFix extends Omit<Position, 'late'> {
  readonly format: 'gridwatch' | 'owntracks' | 'jt808';
}

/** A vehicle's own report of being online/offline (status topic, last will, OwnTracks lwt). */
export interface StatusReport {
  readonly vehicleId: string;
  readonly online: boolean;
  readonly receivedAt: number;
  readonly reason: string;
}

/** Why a message or fix was not accepted. Every one is counted per reason and per vehicle. */
export const REJECT_REASONS = [
  'oversized',
  'malformed_json',
  'missing_field',
  'bad_field',
  'bad_coordinates',
  'ts_future',
  'ts_too_old',
  'unknown_vehicle',
  'unsupported_type',
  'bad_topic',
  'gps_jump',
  'overload',
  'stage_error',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Rejection {
  readonly rejected: RejectReason;
  /** The vehicle the message claimed to be from, if any. */
  readonly vehicleId?: string;
  /** Names the field or limit, e.g. 'field "lat" is 95, outside -90..90'. */
  readonly detail: string;
}

export function reject(rejected: RejectReason, detail: string, vehicleId?: string): Rejection {
  return vehicleId === undefined ? { rejected, detail } : { rejected, detail, vehicleId };
}

export function isRejection(x: object): x is Rejection {
  return 'rejected' in x;
}
