import { describe, expect, it } from 'vitest';
import { testConfig } from '../kernel/testing.ts';
import { pushPublishUrl } from './publish-url.ts';
import { publishKey } from './sign.ts';

const SECRET = 's'.repeat(32);
const config = (media: Record<string, unknown>) =>
  testConfig({
    media: { enabled: true, rtmpPort: 1935, httpPort: 8000, ...media },
    cameras: [
      { id: 'pushcam', source: 'rtmp://127.0.0.1:1935/live/pushcam' },
      { id: 'gate', source: 'rtsp://10.0.0.7/ch1' },
      { id: 'elsewhere', source: 'rtmp://10.0.0.9:1935/live/x' },
    ],
  }).config;

describe('pushPublishUrl', () => {
  it('gives a pushing camera its publish URL with the key of its stream', () => {
    expect(pushPublishUrl(config({ secret: SECRET }), 'pushcam')).toBe(
      `rtmp://127.0.0.1:1935/live/pushcam?key=${publishKey(SECRET, '/live/pushcam')}`,
    );
    expect(pushPublishUrl(config({ secret: SECRET }), 'pushcam', '10.0.0.5')).toMatch(/^rtmp:\/\/10\.0\.0\.5:1935\//);
  });

  it('refuses, naming why: no secret, unknown camera, a camera gridwatch relays or pulls from elsewhere', () => {
    expect(() => pushPublishUrl(config({}), 'pushcam')).toThrow(/media\.secret is not set/);
    expect(() => pushPublishUrl(config({ secret: SECRET }), 'nope')).toThrow(/no camera "nope"/);
    expect(() => pushPublishUrl(config({ secret: SECRET }), 'gate')).toThrow(/does not push into gridwatch/);
    expect(() => pushPublishUrl(config({ secret: SECRET }), 'elsewhere')).toThrow(/does not push into gridwatch/);
    expect(() => pushPublishUrl(config({ secret: SECRET, enabled: false }), 'pushcam')).toThrow(/media\.enabled/);
  });
});
