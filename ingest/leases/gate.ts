/**
 * The camera gate of a video node: what happens when the lease keeper acquires or loses a camera. On acquire: the
 * camera's false-alarm masks are read, its rule state is taken over, then it starts (CameraManager with `leased`);
 * on loss: it stops at once, then its rule state is saved (when given up) and dropped. app.ts wires it:
 * `new CameraLeaseKeeper({ …, ...cameraGate(cameras, { masks, handover: rules.handover }) })`.
 */
import type { CameraLeaseKeeperOptions, LossReason } from './keeper.ts';

/** The CameraManager's side (structural, so ingest needs nothing from detect/ or cases/). */
export interface CameraSwitch {
  startCamera(cameraId: string): boolean;
  stopCamera(cameraId: string): void;
}

export interface GateParts {
  /** The masks in force for the camera, re-read from the database (cases/verdicts/mask-feed.ts). */
  readonly masks?: { refresh(cameraId: string): void };
  /** The rule state handover (detect/rules/handover.ts). */
  readonly handover?: {
    acquire(cameraId: string, generation: number): void;
    release(cameraId: string, why: LossReason, generation: number): void;
  };
}

export function cameraGate(
  cameras: CameraSwitch,
  parts: GateParts = {},
): Required<Pick<CameraLeaseKeeperOptions, 'onAcquire' | 'onLose'>> {
  return {
    onAcquire: (cameraId, generation) => {
      parts.masks?.refresh(cameraId);
      parts.handover?.acquire(cameraId, generation);
      cameras.startCamera(cameraId);
    },
    onLose: (cameraId, why, generation) => {
      cameras.stopCamera(cameraId);
      parts.handover?.release(cameraId, why, generation);
    },
  };
}
