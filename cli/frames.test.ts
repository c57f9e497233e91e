import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtspServerAvailable, startRtspServer, type RtspTestServer } from '../ingest/testing/rtsp-server.ts';
import { repoRoot, runCli, tempDir } from '../kernel/testing.ts';

const clip = path.join(repoRoot, 'demo/media/intel_car-detection_parkinglot_overhead.mp4');

describe('gridwatch frames', () => {
  let server: RtspTestServer | undefined;
  beforeAll(async () => {
    if (rtspServerAvailable()) server = await startRtspServer();
  });
  afterAll(() => server?.stop());

  it('writes N JPEGs from a video file and from a live RTSP camera, exit 0', async () => {
    const fromFile = tempDir();
    const fromRtsp = tempDir();
    const [file, rtsp] = await Promise.all([
      runCli(['frames', clip, '--count', '3', '--fps', '2', '--width', '320', '--out', fromFile], 60_000),
      server ? runCli(['frames', server.url(), '-n', '2', '--width', '256', '--out', fromRtsp], 60_000) : undefined,
    ]);
    expect(file.code, file.stderr).toBe(0);
    expect(readdirSync(fromFile).sort()).toEqual(['frame-0001.jpg', 'frame-0002.jpg', 'frame-0003.jpg']);
    expect(readFileSync(path.join(fromFile, 'frame-0001.jpg')).subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(file.stdout).toMatch(/frame-0003\.jpg 320x180/);
    expect(file.stdout).toMatch(/wrote 3 frame\(s\)/);
    if (rtsp) {
      expect(rtsp.code, rtsp.stderr).toBe(0);
      expect(readdirSync(fromRtsp)).toHaveLength(2);
      expect(rtsp.stdout).toMatch(/256x144/);
    }
  });

  it('fails clearly, exit 1, for an unreachable camera, a file that is not a video and a bad option', async () => {
    const notVideo = path.join(tempDir(), 'notes.mp4');
    writeFileSync(notVideo, 'not a video');
    const [unreachable, bad, option] = await Promise.all([
      runCli(['frames', 'rtsp://admin:hunter2@127.0.0.1:1/ch1', '-n', '1', '--out', tempDir()], 60_000),
      runCli(['frames', notVideo, '-n', '1', '--out', tempDir()], 60_000),
      runCli(['frames', clip, '--count', 'many'], 60_000),
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/cannot read rtsp:\/\/\*\*\*@127\.0\.0\.1:1\/ch1: Connection refused/);
    expect(unreachable.stderr).not.toContain('hunter2');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/notes\.mp4 is not a readable video/);
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/--count must be an integer from 1 to 100000, got "many"/);
  });
});
