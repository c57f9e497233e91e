/** `gridwatch media publish-url` through the real CLI, on a config file with a camera pushing RTMP. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fixtureRaw } from '../cases/fixture.ts';
import { publishKey } from '../ingest/sign.ts';
import { runCli, tempDir } from '../kernel/testing.ts';

const SECRET = 'media-secret-for-the-cli-test';
let cfg: string;
beforeAll(() => {
  const dir = tempDir('gw-cli-media-');
  cfg = path.join(dir, 'gw.yaml');
  const raw = fixtureRaw(path.join(dir, 'data'));
  raw.media = { enabled: true, rtmpPort: 1935, secret: SECRET };
  raw.cameras = [
    ...(raw.cameras as unknown[]),
    { id: 'push-1', source: 'rtmp://127.0.0.1:1935/live/push-1', location: { lat: 34.0012, lon: 118.0021 } },
  ];
  writeFileSync(cfg, stringify(raw));
});

describe('gridwatch media publish-url', () => {
  it('prints the publish URL of a pushing camera; names the reason for any other', async () => {
    const ok = await runCli(['media', 'publish-url', 'push-1', '--config', cfg, '--host', '10.0.0.5']);
    expect({ code: ok.code, out: ok.stdout.trim() }).toEqual({
      code: 0,
      out: `rtmp://10.0.0.5:1935/live/push-1?key=${publishKey(SECRET, '/live/push-1')}`,
    });
    const relayed = await runCli(['media', 'publish-url', 'cam-1', '--config', cfg]);
    expect(relayed.code).toBe(1);
    expect(relayed.stderr).toMatch(/camera "cam-1" does not push into gridwatch/);
  });
});
