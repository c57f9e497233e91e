/** Shapes the UI reads from the API (server types re-exported; type-only, erased from the bundle). */
export type { Alert, AlertKind } from '../../../alert-types.ts';
export type {
  Case,
  CaseStatus,
  CaseTimelineEntry,
  Evidence,
  Hit,
  Violation,
  CameraStatus,
  VehicleStatus,
  Position,
  CaseEvent,
  FalseReason,
  HitVerdict,
  SuppressionMask,
} from '../../../../kernel/types/index.ts';
export type { ZoneConfig } from '../../../../kernel/config/schema.ts';
export type { HitEvent, ViolationEvent } from '../../../../kernel/bus.ts';

export interface AlertMessage {
  readonly alert: import('../../../alert-types.ts').Alert;
  readonly isNew: boolean;
}

/** GET /api/cameras (ingest). */
export interface CameraView {
  readonly id: string;
  readonly name?: string;
  readonly state: string;
  readonly lastFrameAt?: number;
  readonly fps: number;
  readonly error?: string;
  readonly location?: { readonly lat: number; readonly lon: number };
  readonly live?: { readonly flv: string; readonly ws: string; readonly expiresAt: number };
}

export const evidenceUrl = (path: string): string =>
  `/api/evidence/${path.split('/').map(encodeURIComponent).join('/')}`;
