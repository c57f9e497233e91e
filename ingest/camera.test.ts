/**
 * Resilience against a real RTSP camera (GStreamer's RTSP server looping the real parking-lot clip): the server is
 * killed and restarted, or frozen, while other cameras keep running in the same manager.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../kernel/testing.ts';
import type { CameraState, Frame } from '../kernel/types/index.ts';
import { CameraManager } from './manager.ts';
import { ingestContext, statusLog } from './testing/context.ts';
import { rtspServerAvailable, startRtspServer, type RtspTestServer } from './testing/rtsp-server.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(rtspExtra: Record<string, unknown> = {}): Promise<{
  server: RtspTestServer;
  manager: CameraManager;
  frames: Map<string, Frame[]>;
  states: (id: string) => CameraState[];
}> {
  const server = await startRtspServer();
  cleanup.push(() => server.stop());
  const ctx = ingestContext({
    cameras: [
      { id: 'street', source: server.url(), fps: 2, width: 320, record: false, ...rtspExtra },
      {
        id: 'lot',
        source: 'demo/media/intel_car-detection_parkinglot_overhead.mp4',
        fps: 2,
        width: 320,
        record: false,
      },
      { id: 'cart', source: 'demo/media/detectron_street_cart_17790319373.jpg', fps: 2, width: 320 },
    ],
  });
  const events = statusLog(ctx);
  const frames = new Map<string, Frame[]>();
  const manager = new CameraManager(ctx, {
    onFrame: (f) => void frames.set(f.cameraId, [...(frames.get(f.cameraId) ?? []), f]),
  });
  cleanup.push(() => manager.stop());
  await manager.start();
  const states = (id: string): CameraState[] => events.filter((e) => e.cameraId === id).map((e) => e.state);
  return { server, manager, frames, states };
}

/** Longest pause between consecutive frames in [from, to]. */
function maxGap(frames: readonly Frame[], from: number, to: number): number {
  const ts = [from, ...frames.map((f) => f.ts).filter((t) => t > from && t < to), to];
  return Math.max(...ts.slice(1).map((t, i) => t - (ts[i] ?? t)));
}

describe.skipIf(!rtspServerAvailable())('camera resilience (real RTSP server)', () => {
  it('goes offline when the server dies, online within 5 s of its return; other cameras never pause', async () => {
    const { server, manager, frames, states } = await setup();
    await waitFor(() => manager.status('street')?.state === 'online', 20_000);
    await waitFor(() => manager.status('lot')?.state === 'online', 20_000);
    const first = frames.get('street')?.[0];
    expect(first && [first.width, first.height, first.data.length]).toEqual([320, 180, 320 * 180 * 3]);

    const killedAt = Date.now();
    await server.stop();
    await waitFor(() => manager.status('street')?.state === 'offline', 10_000);
    expect(manager.status('street')?.error).toMatch(/stream ended|refused|Connection|timed out|End of file|error/i);
    await new Promise((r) => setTimeout(r, Math.max(0, 4000 - (Date.now() - killedAt))));
    const returnedAt = Date.now();
    await server.start();
    await waitFor(() => manager.status('street')?.state === 'online', 15_000, 20).catch(() => {
      throw new Error(`not back online: ${JSON.stringify(manager.status('street'))} ${states('street').join(',')}`);
    });
    const backAt = Date.now();

    expect(backAt - returnedAt).toBeLessThan(5000);
    expect(states('street')).toEqual(expect.arrayContaining(['online', 'offline']));
    expect(states('street').at(-1)).toBe('online');
    expect(manager.status('street')?.restarts).toBeGreaterThanOrEqual(1);
    // The file and still cameras kept their 2 fps through the whole outage.
    for (const id of ['lot', 'cart']) {
      expect(maxGap(frames.get(id) ?? [], killedAt, backAt)).toBeLessThan(2000);
      expect(states(id)).toEqual(['online']);
    }
    expect(manager.health().stats).toMatchObject({ cameras: 3, online: 3 });
  });

  it('restarts a camera that stalls (server frozen, connection left open) and recovers when it thaws', async () => {
    const { server, manager, states } = await setup({ stallSeconds: 3 });
    await waitFor(() => manager.status('street')?.state === 'online', 20_000);
    const pid = server.pid;
    if (pid === undefined) throw new Error('no server pid');
    process.kill(pid, 'SIGSTOP');
    cleanup.push(() => void (server.running && process.kill(pid, 'SIGCONT')));
    await waitFor(() => manager.status('street')?.state === 'stalled', 10_000);
    expect(manager.status('street')?.error).toBe('no frame for 3 s');
    expect(manager.status('lot')?.state).toBe('online');
    process.kill(pid, 'SIGCONT');
    await waitFor(() => manager.status('street')?.state === 'online', 25_000);
    expect(states('street')).toEqual(expect.arrayContaining(['online', 'stalled']));
    expect(states('street').at(-1)).toBe('online');
  });
});
