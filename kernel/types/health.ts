/** Health vocabulary shared by every component and by /api/health. */

export type HealthState = 'ok' | 'degraded' | 'down' | 'starting';

export interface ComponentHealth {
  readonly state: HealthState;
  /** Short human-readable explanation, e.g. "3 of 4 cameras online". */
  readonly detail?: string;
  /** Component-specific figures (counters, rates). */
  readonly stats?: Readonly<Record<string, number | string | boolean>>;
}

export type CameraState = 'starting' | 'online' | 'offline' | 'stalled';

export interface CameraStatus {
  readonly cameraId: string;
  readonly state: CameraState;
  readonly lastFrameAt?: number;
  readonly fps: number;
  readonly restarts: number;
  readonly error?: string;
  readonly ts: number;
}

export interface VehicleStatus {
  readonly vehicleId: string;
  readonly online: boolean;
  readonly ts: number;
  readonly reason?: string;
}
