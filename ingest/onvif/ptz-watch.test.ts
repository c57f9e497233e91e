import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../kernel/log.ts';
import { matchView, type PresetPosition, PtzWatch } from './ptz-watch.ts';
import { type FakeCamera, startFakeCamera } from './testing.ts';

const presets: PresetPosition[] = [
  { token: '1', name: '路口东向', x: 0.1, y: 0.2, zoom: 0 },
  { token: '2', name: '人行道', x: -0.5, y: 0, zoom: 0.3 },
];

describe('matchView (pure)', () => {
  const at = (x: number, y: number, zoom: number) => ({ x, y, zoom });
  it('at a preset within tolerance on every axis, idle and not drifting → that preset', () => {
    expect(matchView({ position: at(0.105, 0.2, 0), moving: false }, at(0.105, 0.2, 0), presets, 0.01)).toEqual({
      preset: '1',
      presetName: '路口东向',
      moving: false,
    });
  });
  it('moving, or drifting since the last poll (a tour passing through), is moving even on a preset', () => {
    expect(matchView({ position: at(0.1, 0.2, 0), moving: true }, undefined, presets, 0.01)).toEqual({ moving: true });
    expect(matchView({ position: at(0.1, 0.2, 0), moving: false }, at(0.0, 0.2, 0), presets, 0.01)).toEqual({
      moving: true,
    });
  });
  it('zoomed in on the right pan/tilt is not the preset; between presets is no preset', () => {
    expect(matchView({ position: at(0.1, 0.2, 0.4), moving: false }, undefined, presets, 0.01)).toEqual({
      moving: false,
    });
    expect(matchView({ position: at(0.3, 0.2, 0), moving: false }, undefined, presets, 0.01)).toEqual({
      moving: false,
    });
  });
});

describe('PtzWatch against a local ONVIF PTZ camera', () => {
  let cam: FakeCamera;
  beforeAll(async () => {
    cam = await startFakeCamera({ username: 'admin', password: 'Hik12345' });
  });
  afterAll(() => cam.close());

  it('follows the camera: at preset 1, moving, settling, at preset 2, unreadable with a wrong password', async () => {
    const cfg = { onvif: cam.deviceUrl, username: 'admin', presets: [], pollSeconds: 1, tolerance: 0.01 };
    const watch = new PtzWatch('ptz-1', cfg, silentLogger(), 'Hik12345');
    expect(watch.current()).toEqual({ moving: false, unknown: true });
    await watch.poll();
    expect(watch.current()).toEqual({ preset: '1', presetName: '路口东向', moving: false });
    Object.assign(cam.ptz, { x: -0.2, moving: true });
    await watch.poll();
    expect(watch.current()).toEqual({ moving: true });
    Object.assign(cam.ptz, { x: -0.5, y: 0, zoom: 0.3, moving: false });
    await watch.poll(); // position changed since the last poll: still settling
    expect(watch.current().moving).toBe(true);
    await watch.poll();
    expect(watch.current()).toEqual({ preset: '2', presetName: '人行道', moving: false });
    const wrong = new PtzWatch('ptz-1', cfg, silentLogger(), 'wrong');
    await wrong.poll();
    expect(wrong.current()).toEqual({ moving: false, unknown: true });
    expect(wrong.errors).toBe(1);
  });

  it('only the listed presets count', async () => {
    Object.assign(cam.ptz, { x: 0.1, y: 0.2, zoom: 0, moving: false });
    const cfg = { onvif: cam.deviceUrl, username: 'admin', presets: ['人行道'], pollSeconds: 1, tolerance: 0.01 };
    const watch = new PtzWatch('ptz-1', cfg, silentLogger(), 'Hik12345');
    await watch.poll();
    expect(watch.current()).toEqual({ moving: false });
  });
});
