import { describe, expect, it } from 'vitest';
import type { Hit } from '../kernel/types/index.ts';
import { cameraAlert, hitAlert, thumbnailOf, vehicleAlert, violationAlert } from './alert-rules.ts';

const ev = (kind: 'snapshot' | 'annotated' | 'clip', path: string) => ({
  kind,
  path,
  sha256: 'x',
  mime: kind === 'clip' ? 'video/mp4' : 'image/jpeg',
  ts: 1,
});
const hit: Hit = {
  id: 'h1',
  rule: 'vending',
  category: '05-04',
  cameraId: 'cam-1',
  zoneId: 'z1',
  start: 1000,
  lastSeen: 2000,
  repeat: 1,
  region: { x1: 0, y1: 0, x2: 1, y2: 1 },
  boxes: [],
  evidence: [ev('snapshot', 'a/s.jpg'), ev('annotated', 'a/a.jpg'), ev('clip', 'a/c.mp4')],
};

describe('alerts from bus events', () => {
  it('a hit: keyed by its id, the annotated picture as thumbnail, critical on a repeat, resolved at its end', () => {
    expect(thumbnailOf(hit.evidence)).toBe('a/a.jpg');
    expect(thumbnailOf([ev('clip', 'c.mp4')])).toBeUndefined();
    expect(hitAlert({ phase: 'start', hit })).toMatchObject({
      id: 'hit:h1',
      kind: 'hit',
      severity: 'warning',
      thumbnail: 'a/a.jpg',
      ts: 1000,
    });
    expect(hitAlert({ phase: 'start', hit: { ...hit, repeat: 3 } }).severity).toBe('critical');
    expect(hitAlert({ phase: 'end', hit: { ...hit, end: 5000 } }).resolvedAt).toBe(5000);
  });

  it('a violation: where and what, keyed by its id', () => {
    const v = {
      id: 'v1',
      kind: 'overspeed' as const,
      category: '90-03',
      vehicleId: 'S-4',
      planId: 'p',
      start: 10,
      where: { lat: 1, lon: 2 },
      description: 'too fast',
      track: [],
      missedSegments: [],
    };
    expect(violationAlert({ phase: 'start', violation: v })).toMatchObject({
      id: 'violation:v1',
      vehicleId: 'S-4',
      location: { lat: 1, lon: 2 },
      detail: 'too fast',
    });
  });

  it('a camera: one alert when it goes down, none while it stays down, resolved when it is back', () => {
    const s = (state: 'online' | 'offline' | 'stalled', ts: number) => ({
      cameraId: 'cam-1',
      state,
      fps: 0,
      restarts: 0,
      ts,
    });
    expect(cameraAlert(s('online', 1), undefined)).toEqual({});
    const down = cameraAlert(s('stalled', 2), undefined);
    expect(down.open).toMatchObject({
      id: 'camera:cam-1:2',
      kind: 'camera-offline',
      severity: 'critical',
      detail: '画面停滞',
    });
    expect(cameraAlert(s('offline', 3), down.open!.id)).toEqual({});
    expect(cameraAlert(s('online', 4), down.open!.id)).toEqual({ resolve: 'camera:cam-1:2' });
  });

  it('a vehicle: offline opens, online resolves', () => {
    const off = vehicleAlert({ vehicleId: 'S-4', online: false, ts: 5, reason: 'no fix for 600 s' }, undefined);
    expect(off.open).toMatchObject({ kind: 'vehicle-offline', detail: '车辆离线' });
    expect(vehicleAlert({ vehicleId: 'S-4', online: true, ts: 6 }, off.open!.id)).toEqual({ resolve: off.open!.id });
  });
});
