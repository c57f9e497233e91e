import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../kernel/http/error-handler.ts';
import { waitFor } from '../kernel/testing.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import { CameraManager } from './manager.ts';
import { MediaServer } from './media-server.ts';
import { cameraRoutes, type CameraView } from './routes.ts';
import { ingestContext } from './testing/context.ts';

describe('GET /api/cameras', () => {
  const ctx = ingestContext({
    media: { enabled: true, rtmpPort: 0, httpPort: 0, publicUrl: 'http://media.example:8000' },
    cameras: [
      {
        id: 'cart',
        name: '解放路口',
        source: 'demo/media/detectron_street_cart_17790319373.jpg',
        location: { lat: 40.7, lon: -74 },
        gridCell: 'g1',
      },
      { id: 'gate', source: 'rtsp://admin:hunter2@127.0.0.1:1/ch1', keyframesOnly: true },
    ],
  });
  const media = new MediaServer(ctx);
  const manager = new CameraManager(ctx, { onFrame: () => undefined, media });
  const app = new Hono<ApiEnv>();
  app.onError(errorHandler({ log: ctx.log, locale: 'en' }));
  app.use('*', async (c, next) => {
    c.set('user', { username: 'op', role: 'operator' });
    c.set('sessionId', c.req.header('x-test-session') ?? 'session-a');
    await next();
  });
  app.route('/', cameraRoutes(ctx, manager, media));

  beforeAll(async () => {
    await media.start();
    await manager.start();
    await waitFor(
      () => manager.status('cart')?.state === 'online' && manager.status('gate')?.state === 'offline',
      15_000,
    );
  });
  afterAll(async () => {
    await manager.stop();
    await media.stop();
  });

  it('lists every camera with its state, figures, place and a session-bound live view; no credentials', async () => {
    const res = await app.request('/api/cameras');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('hunter2');
    const { cameras } = JSON.parse(text) as { cameras: CameraView[] };
    const [cart, gate] = cameras;
    expect(cart).toMatchObject({
      id: 'cart',
      name: '解放路口',
      state: 'online',
      location: { lat: 40.7, lon: -74 },
      gridCell: 'g1',
      keyframesOnly: false,
    });
    expect(cart?.lastFrameAt).toBeGreaterThan(Date.now() - 10_000);
    expect(cart?.live?.flv).toMatch(/^http:\/\/media\.example:8000\/live\/cart\.flv\?token=[\w-]{32}$/);
    expect(cart?.live?.ws).toMatch(/^ws:\/\/media\.example:8000\/live\/cart\.flv\?token=/);
    expect(cart?.live?.expiresAt).toBeGreaterThan(Date.now() + 250_000);
    expect(cart?.live?.expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
    // the same session gets the same token back; another session its own
    const again = (await (await app.request('/api/cameras')).json()) as { cameras: CameraView[] };
    expect(again.cameras[0]?.live?.flv).toBe(cart?.live?.flv);
    const other = await app.request('/api/cameras', { headers: { 'x-test-session': 'session-b' } });
    const b = (await other.json()) as { cameras: CameraView[] };
    expect(b.cameras[0]?.live?.flv).not.toBe(cart?.live?.flv);
    expect(gate).toMatchObject({
      id: 'gate',
      state: 'offline',
      source: 'rtsp://***@127.0.0.1:1/ch1',
      keyframesOnly: true,
    });
    expect(gate?.error).toMatch(/Connection refused/);
  });

  it('serves a JPEG of the latest frame; 404 for an unknown camera or one without frames', async () => {
    const ok = await app.request('/api/cameras/cart/snapshot');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(
      Buffer.from(await ok.arrayBuffer())
        .subarray(0, 2)
        .toString('hex'),
    ).toBe('ffd8');
    expect((await app.request('/api/cameras/nope/snapshot')).status).toBe(404);
    expect((await app.request('/api/cameras/gate/snapshot')).status).toBe(404);
  });
});
