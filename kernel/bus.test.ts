import { describe, expect, it, vi } from 'vitest';
import { EventBus } from './bus.ts';
import type { CameraStatus } from './types/index.ts';

const status: CameraStatus = { cameraId: 'c1', state: 'online', fps: 1, restarts: 0, ts: 1 };

describe('EventBus', () => {
  it('delivers typed events to subscribers in order and stops after unsubscribe', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const off = bus.on('camera.status', (s) => void seen.push(`a:${s.state}`));
    bus.on('camera.status', (s) => void seen.push(`b:${s.cameraId}`));
    bus.emit('camera.status', status);
    off();
    bus.emit('camera.status', { ...status, state: 'offline' });
    expect(seen).toEqual(['a:online', 'b:c1', 'b:c1']);
    expect(bus.stats()).toEqual({ 'camera.status': 2 });
  });

  it('isolates a throwing or rejecting subscriber from the publisher and the others', async () => {
    const error = vi.fn();
    const bus = new EventBus({ error } as never);
    const got: number[] = [];
    bus.on('camera.status', () => {
      throw new Error('boom');
    });
    bus.on('camera.status', async () => {
      throw new Error('async boom');
    });
    bus.on('camera.status', (s) => void got.push(s.ts));
    expect(() => bus.emit('camera.status', status)).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual([1]);
    expect(error).toHaveBeenCalledTimes(2);
  });

  it('does nothing for a topic without subscribers', () => {
    expect(() => new EventBus().emit('vehicle.status', { vehicleId: 'v', online: false, ts: 0 })).not.toThrow();
  });
});
