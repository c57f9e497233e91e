import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCamera, startFakeCamera } from '../ingest/onvif/testing.ts';
import { runCli } from '../kernel/testing.ts';

describe('gridwatch onvif', () => {
  let cam: FakeCamera;
  beforeAll(async () => {
    cam = await startFakeCamera({ username: 'admin', password: 'Hik12345' });
  });
  afterAll(() => cam.close());

  it('probe prints the profiles, RTSP URIs, presets and a camera entry without the password', async () => {
    const r = await runCli(['onvif', 'probe', cam.deviceUrl, '--user', 'admin', '--password', 'Hik12345'], 60_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('TestVendor DS-TEST (firmware V5.7.3, serial SN0001)');
    expect(r.stdout).toMatch(
      /main {2}mainStream {2}H264 1920×1080 25 fps {2}rtsp:\/\/127\.0\.0\.1:554\/Streaming\/Channels\/101/,
    );
    expect(r.stdout).toContain('PTZ presets: 1 路口东向, 2 人行道');
    expect(r.stdout).toContain('source: rtsp://admin:PASSWORD@127.0.0.1:554/Streaming/Channels/101');
    expect(r.stdout).not.toContain('Hik12345');
  });

  it('probe --json and the password from the environment', async () => {
    const r = await runCli(['onvif', 'probe', cam.deviceUrl, '--user', 'admin', '--json'], 60_000, {
      GRIDWATCH_ONVIF_PASSWORD: 'Hik12345',
    });
    expect(r.code, r.stderr).toBe(0);
    const dev = JSON.parse(r.stdout) as { profiles: { rtsp: string }[] };
    expect(dev.profiles.map((p) => p.rtsp)).toHaveLength(2);
  });

  it('discover with a directed probe lists the device; bad flags and refusals exit 1 with a reason', async () => {
    const [found, badPort, wrongPw] = await Promise.all([
      runCli(['onvif', 'discover', '--address', '127.0.0.1', '--port', String(cam.discoveryPort), '--timeout', '1']),
      runCli(['onvif', 'discover', '--port', 'x']),
      runCli(['onvif', 'probe', cam.deviceUrl, '--user', 'admin', '--password', 'bad']),
    ]);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toContain(`${cam.deviceUrl}  解放路口  DS-TEST`);
    expect(found.stdout).toContain('1 device(s)');
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toContain('--port must be a port number, got "x"');
    expect(wrongPw.code).toBe(1);
    expect(wrongPw.stderr).toMatch(/refused the user name or password/);
  });
});
