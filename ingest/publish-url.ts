/**
 * The RTMP URL a camera that pushes into gridwatch's media server publishes to (`gridwatch media publish-url`): its
 * stream path with the publish key derived from media.secret. Only for cameras whose source points at this server
 * (gridwatch relays the others itself and accepts their publish only from this machine), and only with a configured
 * secret (a random one per start would change the key at every start).
 */
import type { Config } from '../kernel/config/schema.ts';
import { InputError } from '../kernel/errors.ts';
import { publishKey } from './sign.ts';

export function pushPublishUrl(config: Config, cameraId: string, host?: string): string {
  const cam = config.cameras.find((c) => c.id === cameraId);
  if (!cam) throw new InputError(`no camera "${cameraId}" in the configuration`);
  const m = config.media;
  if (!m.enabled) throw new InputError('media.enabled is false: there is no media server to publish to');
  if (!m.secret) throw new InputError('media.secret is not set: without it the publish key changes at every start');
  let u: URL;
  try {
    u = new URL(cam.source);
  } catch {
    u = new URL('file:///');
  }
  const local = new Set([m.host, '127.0.0.1', 'localhost']);
  if (u.protocol !== 'rtmp:' || Number(u.port || 1935) !== m.rtmpPort || !local.has(u.hostname)) {
    throw new InputError(
      `camera "${cameraId}" does not push into gridwatch (its source is not rtmp://${m.host}:${m.rtmpPort}/live/…): ` +
        'gridwatch relays it itself and accepts its publish only from this machine',
    );
  }
  const path = u.pathname;
  return `rtmp://${host ?? u.hostname}:${m.rtmpPort}${path}?key=${publishKey(m.secret, path)}`;
}
