/**
 * The restart path wired in the app: fixes already in the embedded position store when gridwatch starts (a restart
 * at 01:01 in a 22:00–06:00 window) are replayed by the route service before ingest opens, the day reports are saved
 * in the main database, and a second start serves the same reports.
 */
import { describe, expect, it } from 'vitest';
import { startApp } from '../../app.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { openDatabase } from '../../kernel/db.ts';
import { silentLogger } from '../../kernel/log.ts';
import { testConfig } from '../../kernel/testing.ts';
import { createPositionStore } from '../store/index.ts';
import { RouteService } from './service.ts';
import { gridLines, sweep, writeLines } from './testing.ts';
import path from 'node:path';

const EVE = Date.parse('2026-03-01T22:00:00Z');
const RESTART = Date.parse('2026-03-02T01:01:00Z');

describe('gridwatch restarted during a night window (embedded store)', () => {
  it('replays the stored fixes at start and keeps the day reports in the database', async () => {
    const streets = writeLines(gridLines().filter((l) => l.id === 'row1' || l.id === 'row2'));
    const loaded = testConfig({
      vehicles: [{ id: 'N1', type: 'sweeper', contractor: 'Night Co', plan: 'night' }],
      plans: [{ id: 'night', streets, timezone: 'UTC', windows: [{ start: '22:00', end: '06:00' }] }],
    });
    const { config } = loaded;
    const clock = new ManualClock(RESTART);
    const stored = sweep('N1', EVE + 5 * 60_000, RESTART - 60_000);
    const positions = createPositionStore(config, config.dataDir, silentLogger(), () => clock.now());
    await positions.open();
    await positions.write(stored);
    await positions.close();

    const reportsOf = async () => {
      const app = await startApp({ loaded, log: silentLogger(), clock });
      const route = app.components.find((c): c is RouteService => c instanceof RouteService)!;
      await route.whenRestored();
      const days = route.reports().map((d) => ({ day: d.day, fixes: d.fixes }));
      const open = route.openViolations().map((v) => v.kind);
      await app.stop();
      return { days, open };
    };
    const first = await reportsOf();
    const beforeMidnight = stored.filter((p) => p.ts < Date.parse('2026-03-02T00:00:00Z')).length;
    expect(first.days[0]).toEqual({ day: '2026-03-01', fixes: beforeMidnight });
    expect(first.days[1]!.day).toBe('2026-03-02');
    expect(first.days[1]!.fixes).toBeGreaterThan(300);
    expect(first.open).not.toContain('late-start');

    const db = openDatabase(path.join(config.dataDir, 'gridwatch.db'));
    const rows = db.prepare('SELECT vehicle_id, day FROM route_day_reports ORDER BY day').all();
    db.close();
    expect(rows).toEqual([
      { vehicle_id: 'N1', day: '2026-03-01' },
      { vehicle_id: 'N1', day: '2026-03-02' },
    ]);
    expect(await reportsOf()).toEqual(first); // a second restart: the same day reports, nothing counted twice
  });
});
