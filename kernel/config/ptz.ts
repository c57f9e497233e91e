import { z } from 'zod';
import type { Problem } from './common.ts';

export const ptzSchema = z
  .strictObject({
    onvif: z
      .url({ protocol: /^https?$/, error: 'must be the http(s) URL of the ONVIF device service' })
      .describe('ONVIF device service of the camera, e.g. http://10.20.1.9/onvif/device_service.'),
    username: z.string().optional().describe('ONVIF user (a read-only operator account is enough).'),
    passwordEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name')
      .optional()
      .describe('Name of the environment variable holding the ONVIF password (kept out of the config file).'),
    presets: z
      .array(z.string().min(1))
      .default([])
      .describe('Preset tokens or names the camera tours (as `gridwatch onvif probe` lists them); all when empty.'),
    pollSeconds: z.number().min(0.2).max(60).default(1).describe('How often the PTZ position is read.'),
    tolerance: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.01)
      .describe('Largest difference of pan, tilt and zoom (ONVIF generic space) still "at" a preset.'),
  })
  .describe(
    'A PTZ camera on patrol: its position is read over ONVIF; zones belong to a preset and are watched only there, ' +
      'each with its own background model, paused while the camera moves.',
  );

export type PtzConfig = z.infer<typeof ptzSchema>;

interface Cam {
  readonly id: string;
  readonly ptz?: PtzConfig;
}
interface ZoneRef {
  readonly id: string;
  readonly camera: string;
  readonly preset?: string;
}

export function checkPresets(cameras: readonly Cam[], zones: readonly ZoneRef[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(cameras.map((c) => [c.id, c]));
  zones.forEach((z, j) => {
    if (z.preset === undefined) return;
    const cam = byId.get(z.camera);
    if (!cam) return;
    if (!cam.ptz) {
      problems.push({ path: ['zones', j, 'preset'], message: `camera "${z.camera}" has no ptz section` });
    } else if (cam.ptz.presets.length > 0 && !cam.ptz.presets.includes(z.preset)) {
      problems.push({
        path: ['zones', j, 'preset'],
        message: `preset "${z.preset}" is not one of camera "${z.camera}"'s presets (${cam.ptz.presets.join(', ')})`,
      });
    }
  });
  return problems;
}
