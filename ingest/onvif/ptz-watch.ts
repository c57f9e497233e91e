/**
 * Where a PTZ camera on patrol looks: its preset positions are read once over ONVIF, then its PTZ status (position
 * and move status) every `pollSeconds`. At a preset (pan, tilt and zoom within `tolerance`) and idle → that preset;
 * moving (or the position changed since the last poll) → moving; anything else → between presets. The frames of the
 * camera carry this view, so the rules watch a zone only at its preset (detect/rules/runner.ts).
 */
import onvif, { type Cam } from 'onvif';
import type { PtzConfig } from '../../kernel/config/ptz.ts';
import { errorMessage } from '../../kernel/errors.ts';
import type { Logger } from '../../kernel/log.ts';
import type { CameraView } from '../../kernel/types/index.ts';
import { parseDeviceUrl } from './probe.ts';

export interface PtzPosition {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface PresetPosition extends PtzPosition {
  readonly token: string;
  readonly name: string;
}

export interface PtzStatus {
  readonly position: PtzPosition;
  readonly moving: boolean;
}

/** The view for a status: the nearest listed preset within tolerance on every axis, when idle. */
export function matchView(
  status: PtzStatus,
  previous: PtzPosition | undefined,
  presets: readonly PresetPosition[],
  tolerance: number,
): CameraView {
  const p = status.position;
  const drifted =
    previous !== undefined &&
    Math.max(Math.abs(p.x - previous.x), Math.abs(p.y - previous.y), Math.abs(p.zoom - previous.zoom)) > tolerance / 4;
  if (status.moving || drifted) return { moving: true };
  let best: { q: PresetPosition; d: number } | undefined;
  for (const q of presets) {
    const d = Math.max(Math.abs(p.x - q.x), Math.abs(p.y - q.y), Math.abs(p.zoom - q.zoom));
    if (d <= tolerance && (!best || d < best.d)) best = { q, d };
  }
  return best ? { preset: best.q.token, presetName: best.q.name, moving: false } : { moving: false };
}

type Callback<T> = (err: Error | null, value?: T) => void;
const call = <T>(fn: (cb: Callback<T>) => void): Promise<T | undefined> =>
  new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));

const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
};

interface RawPreset {
  readonly $?: { readonly token?: unknown };
  readonly name?: unknown;
  readonly PTZPosition?: {
    readonly panTilt?: { readonly $?: { readonly x?: unknown; readonly y?: unknown } };
    readonly zoom?: { readonly $?: { readonly x?: unknown } };
  };
}

export function presetPositions(raw: Readonly<Record<string, RawPreset>>, wanted: readonly string[]): PresetPosition[] {
  const all = Object.entries(raw).map(([name, p]) => ({
    token: String(p.$?.token ?? name),
    name: String(p.name ?? name),
    x: num(p.PTZPosition?.panTilt?.$?.x),
    y: num(p.PTZPosition?.panTilt?.$?.y),
    zoom: num(p.PTZPosition?.zoom?.$?.x),
  }));
  return wanted.length === 0 ? all : all.filter((p) => wanted.includes(p.token) || wanted.includes(p.name));
}

export class PtzWatch {
  private view: CameraView = { moving: false, unknown: true };
  private last?: PtzPosition;
  private presets: PresetPosition[] = [];
  private cam?: Cam;
  private timer?: NodeJS.Timeout;
  private polling = false;
  private stopped = false;
  errors = 0;

  constructor(
    private readonly cameraId: string,
    private readonly cfg: PtzConfig,
    private readonly log: Logger,
    private readonly password: string | undefined = cfg.passwordEnv ? process.env[cfg.passwordEnv] : undefined,
  ) {}

  /** The view now (frames are stamped with it). */
  current(): CameraView {
    return this.view;
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.cfg.pollSeconds * 1000);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** One poll: connect and read the presets when needed, then the status. Never throws. */
  async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      const cam = this.cam ?? (await this.connect());
      const status = await call<{ position: PtzPosition; moveStatus?: { panTilt?: unknown; zoom?: unknown } }>((cb) =>
        cam.getStatus({}, cb),
      );
      if (!status) throw new Error('empty PTZ status');
      const moving = [status.moveStatus?.panTilt, status.moveStatus?.zoom].some((s) => String(s) === 'MOVING');
      const position = { x: num(status.position.x), y: num(status.position.y), zoom: num(status.position.zoom) };
      this.view = matchView({ position, moving }, this.last, this.presets, this.cfg.tolerance);
      this.last = position;
    } catch (err) {
      this.errors++;
      this.cam = undefined;
      if (!this.view.unknown) this.log.warn({ camera: this.cameraId, err: errorMessage(err) }, 'PTZ position unread');
      this.view = { moving: false, unknown: true };
    } finally {
      this.polling = false;
    }
  }

  private async connect(): Promise<Cam> {
    const where = parseDeviceUrl(this.cfg.onvif);
    const cam = new onvif.Cam({
      hostname: where.hostname,
      port: where.port,
      path: where.path,
      useSecure: where.secure,
      timeout: Math.max(2000, this.cfg.pollSeconds * 2000),
      autoconnect: false,
      ...(this.cfg.username !== undefined ? { username: this.cfg.username } : {}),
      ...(this.password !== undefined ? { password: this.password } : {}),
    });
    await call((cb) => cam.connect(cb));
    const raw = await call<Record<string, RawPreset>>((cb) => cam.getPresets({}, cb));
    this.presets = presetPositions(raw ?? {}, this.cfg.presets);
    this.cam = cam;
    this.log.info({ camera: this.cameraId, presets: this.presets.map((p) => p.name) }, 'PTZ presets read');
    return cam;
  }
}
