/**
 * The stage contract around a restart (stage.ts): restore() gets the stored positions once the store is open and
 * before any message is taken in; halt() runs at stop while the store is still open.
 */
import { describe, expect, it } from 'vitest';
import { EventBus } from '../kernel/bus.ts';
import { systemClock } from '../kernel/clock.ts';
import type { AppContext } from '../kernel/context.ts';
import { silentLogger } from '../kernel/log.ts';
import { testConfig } from '../kernel/testing.ts';
import type { Position } from '../kernel/types/index.ts';
import { TelemetryService } from './service.ts';
import type { PositionHistory, PositionStage } from './stage.ts';
import { FLEET, fixPayload } from './testing/fleet.ts';

describe('TelemetryService and a stage that restores', () => {
  it('restore sees what was stored before the restart, before new messages; halt runs before store close', async () => {
    const { config, baseDir } = testConfig({ vehicles: FLEET });
    const ctx: AppContext = {
      config,
      baseDir,
      dataDir: config.dataDir,
      bus: new EventBus(),
      log: silentLogger(),
      clock: systemClock,
      startedAt: Date.now(),
    };
    const t0 = Date.now() - 600_000;
    const send = (svc: TelemetryService, i: number) =>
      new Promise<void>((resolve) =>
        svc.ingest(
          {
            topic: 'gridwatch/vehicles/S-4/position',
            payload: Buffer.from(fixPayload(t0 + i * 10_000, i)),
            receivedAt: Date.now(),
          },
          () => resolve(),
        ),
      );

    const before = new TelemetryService(ctx);
    await before.start();
    for (let i = 0; i < 3; i++) await send(before, i);
    await before.stop();

    const seen: string[] = [];
    let history: PositionHistory | undefined;
    const stage: PositionStage = {
      name: 'probe',
      observe: (p: Position) => void seen.push(`observe ${p.ts - t0}`),
      async restore(h) {
        history = h;
        seen.push(`restore ${(await h.track('S-4', 0, Date.now())).map((p) => p.ts - t0).join(',')}`);
      },
      async halt() {
        seen.push(`halt ${(await history!.track('S-4', 0, Date.now())).length}`);
      },
    };
    const after = new TelemetryService(ctx);
    after.addStage(stage);
    await after.start();
    await send(after, 3);
    await after.idle();
    await after.stop();
    expect(seen).toEqual(['restore 0,10000,20000', 'observe 30000', 'halt 4']);
  });
});
