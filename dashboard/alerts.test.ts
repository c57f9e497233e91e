/** The alert centre on both backends (SQLite and a real PostgreSQL): persisted alerts, updates, acknowledgements. */
import { afterEach, expect, it } from 'vitest';
import { EventBus } from '../kernel/bus.ts';
import { ManualClock } from '../kernel/clock.ts';
import { silentLogger } from '../kernel/log.ts';
import { describeBackends, type OpenDb } from '../kernel/testing/backends.ts';
import type { Hit } from '../kernel/types/index.ts';
import { AlertCenter } from './alerts.ts';
import type { Alert } from './alert-types.ts';
import { dashboardMigrations } from './migrations.ts';

const hit = (id: string, start: number, evidence: Hit['evidence'] = []): Hit => ({
  id,
  rule: 'litter',
  category: '01-02',
  cameraId: 'cam-1',
  zoneId: 'z',
  start,
  lastSeen: start,
  repeat: 1,
  region: { x1: 0, y1: 0, x2: 1, y2: 1 },
  boxes: [],
  evidence,
});

let center: AlertCenter | undefined;
afterEach(async () => {
  await center?.stop();
  center = undefined;
});

async function setup(open: OpenDb): Promise<{ bus: EventBus; clock: ManualClock; told: [Alert, boolean][] }> {
  const db = open(dashboardMigrations);
  const bus = new EventBus();
  const clock = new ManualClock(Date.UTC(2026, 4, 6));
  center = new AlertCenter({ bus, db: () => db, clock, log: silentLogger() });
  await center.start();
  const told: [Alert, boolean][] = [];
  center.onAlert((a, isNew) => told.push([a, isNew]));
  return { bus, clock, told };
}

describeBackends('AlertCenter', (open) => {
  it('persists alerts from the bus, newest first; later phases update without a second "new"', async () => {
    const { bus, told } = await setup(open);
    bus.emit('hit', { phase: 'start', hit: hit('a', 1000) });
    bus.emit('hit', { phase: 'start', hit: hit('b', 2000) });
    bus.emit('hit', {
      phase: 'update',
      hit: hit('a', 1000, [{ kind: 'annotated', path: 'x/y.jpg', sha256: 's', mime: 'image/jpeg', ts: 1500 }]),
    });
    expect(told.map(([a, n]) => [a.id, n])).toEqual([
      ['hit:a', true],
      ['hit:b', true],
      ['hit:a', false],
    ]);
    const list = center!.list({ limit: 10 });
    expect(list.map((a) => a.id)).toEqual(['hit:b', 'hit:a']);
    expect(list[1]!.thumbnail).toBe('x/y.jpg');
  });

  it('records the first acknowledgement and filters on it', async () => {
    const { bus, clock } = await setup(open);
    bus.emit('hit', { phase: 'start', hit: hit('a', 1000) });
    bus.emit('hit', { phase: 'start', hit: hit('b', 2000) });
    clock.advance(5000);
    expect(center!.ack('hit:a', 'wang')?.acked).toEqual({ by: 'wang', at: clock.now() });
    clock.advance(5000);
    expect(center!.ack('hit:a', 'li')?.acked?.by).toBe('wang');
    expect(center!.ack('hit:nope', 'li')).toBeUndefined();
    expect(center!.list({ limit: 10, unacked: true }).map((a) => a.id)).toEqual(['hit:b']);
    expect(center!.list({ limit: 10, since: 1500 }).map((a) => a.id)).toEqual(['hit:b']);
    // A later update of an acknowledged alert keeps the acknowledgement.
    bus.emit('hit', { phase: 'end', hit: { ...hit('a', 1000), end: 9000 } });
    expect(center!.get('hit:a')).toMatchObject({ acked: { by: 'wang' }, resolvedAt: 9000 });
  });

  it('raises one alert per camera outage and resolves it when the camera is back', async () => {
    const { bus } = await setup(open);
    const s = (state: 'online' | 'offline', ts: number) =>
      bus.emit('camera.status', { cameraId: 'cam-1', state, fps: 0, restarts: 0, ts });
    s('online', 1);
    s('offline', 2);
    s('offline', 3);
    s('online', 4);
    s('offline', 5);
    const list = center!.list({ limit: 10 });
    expect(list.map((a) => [a.id, a.resolvedAt])).toEqual([
      ['camera:cam-1:5', undefined],
      ['camera:cam-1:2', 4],
    ]);
  });

  it('a throwing listener does not stop the others', async () => {
    const { bus, told } = await setup(open);
    center!.onAlert(() => {
      throw new Error('boom');
    });
    const after: string[] = [];
    center!.onAlert((a) => after.push(a.id));
    bus.emit('hit', { phase: 'start', hit: hit('a', 1) });
    expect(told).toHaveLength(1);
    expect(after).toEqual(['hit:a']);
  });
});
