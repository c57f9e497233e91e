/**
 * Reads an ONVIF camera (or an NVR channel) with the `onvif` package: device information, media profiles with
 * their encoder settings and RTSP URIs, and PTZ presets where the profile has a PTZ configuration. What
 * `gridwatch onvif probe` prints, ready to paste into a camera's `source`.
 */
import onvif, { type Cam, type CamProfile } from 'onvif';
import { errorMessage } from '../../kernel/errors.ts';

export interface ProbeTarget {
  /** Device service URL (http://host[:port]/onvif/device_service), or host[:port]. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  readonly timeoutMs?: number;
}

export interface ProbedPreset {
  readonly token: string;
  readonly name: string;
}

export interface ProbedProfile {
  readonly token: string;
  readonly name: string;
  readonly encoding?: string;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly rtsp?: string;
  readonly ptz: boolean;
  readonly presets: readonly ProbedPreset[];
}

export interface ProbedDevice {
  readonly url: string;
  readonly manufacturer?: string;
  readonly model?: string;
  readonly firmware?: string;
  readonly serial?: string;
  readonly profiles: readonly ProbedProfile[];
}

export function parseDeviceUrl(raw: string): { hostname: string; port: number; path: string; secure: boolean } {
  const withScheme = /^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new Error(`"${raw}" is not a device address (expected http://host[:port]/onvif/device_service or host)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error(`"${raw}": ONVIF device services are http:// or https://, not ${u.protocol}`);
  }
  const secure = u.protocol === 'https:';
  const path = u.pathname === '/' ? '/onvif/device_service' : u.pathname;
  return { hostname: u.hostname, port: u.port ? Number(u.port) : secure ? 443 : 80, path, secure };
}

type Callback<T> = (err: Error | null, value?: T) => void;
function call<T>(fn: (cb: Callback<T>) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

/** An ONVIF SOAP fault or refusal → a message a person can act on. */
function explain(err: unknown, url: string): Error {
  const msg = errorMessage(err);
  if (/NotAuthorized|not authorized|401|Sender not Authorized/i.test(msg)) {
    return new Error(`${url}: the device refused the user name or password (${msg})`);
  }
  if (/ECONNREFUSED|EHOSTUNREACH|ETIMEDOUT|ENOTFOUND|timeout|socket hang up/i.test(msg)) {
    return new Error(`${url}: no ONVIF device answered (${msg})`);
  }
  return new Error(`${url}: ${msg}`);
}

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

function describeProfile(p: CamProfile): Omit<ProbedProfile, 'rtsp' | 'presets'> {
  const enc = p.videoEncoderConfiguration as
    | {
        encoding?: string;
        resolution?: { width?: unknown; height?: unknown };
        rateControl?: { frameRateLimit?: unknown };
      }
    | undefined;
  const token = String((p.$ as { token?: string } | undefined)?.token ?? p.token ?? '');
  const width = num(enc?.resolution?.width);
  const height = num(enc?.resolution?.height);
  const fps = num(enc?.rateControl?.frameRateLimit);
  return {
    token,
    name: String(p.name ?? token),
    ...(enc?.encoding ? { encoding: String(enc.encoding) } : {}),
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(fps !== undefined ? { fps } : {}),
    ptz: p.PTZConfiguration !== undefined,
  };
}

async function presetsOf(cam: Cam, token: string): Promise<ProbedPreset[]> {
  type RawPreset = { readonly $?: { readonly token?: unknown }; readonly name?: unknown };
  const raw = await call<Record<string, RawPreset>>((cb) => cam.getPresets({ profileToken: token }, cb));
  // onvif returns { presetName: preset } with the token in preset.$.token.
  return Object.entries(raw ?? {}).map(([name, p]) => ({
    token: String(p.$?.token ?? ''),
    name: String(p.name ?? name),
  }));
}

export async function probeDevice(target: ProbeTarget): Promise<ProbedDevice> {
  const where = parseDeviceUrl(target.url);
  const cam = new onvif.Cam({
    hostname: where.hostname,
    port: where.port,
    path: where.path,
    useSecure: where.secure,
    timeout: target.timeoutMs ?? 10_000,
    autoconnect: false,
    ...(target.username !== undefined ? { username: target.username } : {}),
    ...(target.password !== undefined ? { password: target.password } : {}),
  });
  try {
    await call((cb) => cam.connect(cb));
    const info =
      (await call<Record<string, string>>((cb) => cam.getDeviceInformation(cb)).catch(() => undefined)) ?? {};
    const profiles: ProbedProfile[] = [];
    for (const p of (cam as unknown as { profiles?: CamProfile[] }).profiles ?? []) {
      const base = describeProfile(p);
      const uri = await call<{ uri: string }>((cb) =>
        cam.getStreamUri({ protocol: 'RTSP', profileToken: base.token }, cb),
      );
      const presets = base.ptz ? await presetsOf(cam, base.token).catch(() => []) : [];
      profiles.push({ ...base, ...(uri?.uri ? { rtsp: uri.uri } : {}), presets });
    }
    return {
      url: `${where.secure ? 'https' : 'http'}://${where.hostname}:${where.port}${where.path}`,
      ...(info.manufacturer ? { manufacturer: info.manufacturer } : {}),
      ...(info.model ? { model: info.model } : {}),
      ...(info.firmwareVersion ? { firmware: info.firmwareVersion } : {}),
      ...(info.serialNumber ? { serial: info.serialNumber } : {}),
      profiles,
    };
  } catch (err) {
    throw explain(err, target.url);
  }
}

/** The RTSP URI with the user name in it (and a placeholder, never the password, unless asked). */
export function sourceUrl(rtsp: string, username?: string, password?: string): string {
  if (!username) return rtsp;
  try {
    const u = new URL(rtsp);
    if (u.username) return rtsp;
    u.username = encodeURIComponent(username);
    u.password = password !== undefined ? encodeURIComponent(password) : 'PASSWORD';
    return u.toString();
  } catch {
    return rtsp;
  }
}
