/**
 * The demo configuration for browser tests: the demo city's users, categories, units, plans and OpenStreetMap
 * streets; one camera; the clock set to the evening of a fixed day and that day's morning of the simulated fleet
 * (mqtt.simulate, seeded: the same fixes every run) fed through the real telemetry pipeline, so the route-compliance
 * reports, tracks and vehicle cases are what the live demo produces. 店外经营 (05-04) waits for a person to register
 * and dispatch.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startApp, type App } from '../../app.ts';
import { demoConfigFile } from '../../demo/index.ts';
import { EvidenceStore } from '../../kernel/evidence.ts';
import { loadConfigFile } from '../../kernel/config/load.ts';
import type { Config } from '../../kernel/config/schema.ts';
import { silentLogger } from '../../kernel/log.ts';
import { repoRoot, tempDir } from '../../kernel/testing.ts';
import type { Hit } from '../../kernel/types/index.ts';
import { TelemetryService } from '../../telemetry/service.ts';
import { simVehicles } from '../../telemetry/sim/vehicles.ts';

/** The day of the fed fleet (a Tuesday), in the demo's time zone (Asia/Shanghai). */
export const TRACE_DAY = '2026-03-03';
/**
 * 10:00:30 in Shenzhen that day, just after the fed fixes: every fix is in the past, and no round of the day has
 * ended without them (the route checks would judge such a round by the clock: a late start, nothing covered).
 */
const APP_NOW = Date.parse(`${TRACE_DAY}T10:00:30+08:00`);
/**
 * The simulated fleet's 00:00–10:00 (from the day's start: a window with no fix at all would be judged a late start
 * with nothing covered): S-4 late at 07:00, deviating at 02:00 and 06:00, a signal gap at 04:00; S-12 late at 04:00,
 * deviating at 06:00; P-1 deviating at 00:00 and 04:00, signal gaps at 00:00 and 06:00.
 */
const FEED = [Date.parse(`${TRACE_DAY}T00:00:00+08:00`), Date.parse(`${TRACE_DAY}T10:00:00+08:00`)] as const;

export const DEMO_PASSWORDS = {
  operator: 'operator-demo-2026',
  handler: 'handler-demo-2026',
  regulator: 'regulator-demo-2026',
  admin: 'admin-demo-2026',
} as const;

/** `tweak` may change the prepared configuration (a test adding what it needs, e.g. notification channels). */
export async function startDemoApp(tweak: (c: Config) => Config = (c) => c): Promise<App> {
  const loaded = loadConfigFile(demoConfigFile);
  const c = loaded.config;
  const shift = Date.now() - APP_NOW;
  // no live simulated fleet: feedTrace feeds the same vehicles' fixes of a fixed morning (deterministic, and no
  // backlog of the whole day to wait for)
  const { simulate: _liveFleet, ...mqtt } = c.mqtt;
  const config = {
    ...c,
    dataDir: tempDir('gw-e2e-'),
    log: { level: 'silent' as const },
    server: { ...c.server, port: 0 },
    mqtt: { ...mqtt, port: 0 } as typeof c.mqtt,
    media: { ...c.media, enabled: false },
    cameras: c.cameras.filter((cam) => cam.id === 'cam-cart'),
    zones: c.zones.filter((z) => z.camera === 'cam-cart'),
    cases: {
      ...c.cases,
      categories: c.cases.categories.map((k) =>
        k.code === '05-04' ? { ...k, autoRegister: false, autoDispatch: false } : k,
      ),
    },
  };
  return startApp({
    loaded: { ...loaded, config: tweak(config) },
    log: silentLogger(),
    clock: { now: () => Date.now() - shift },
  });
}

/**
 * Feed the simulated fleet's TRACE_DAY until 10:00 through the telemetry pipeline, as its MQTT messages
 * would arrive, and wait until processed.
 */
export async function feedTrace(app: App): Promise<number> {
  const tel = app.components.find((x): x is TelemetryService => x instanceof TelemetryService);
  if (!tel) throw new Error('no telemetry component');
  const loaded = loadConfigFile(demoConfigFile);
  let n = 0;
  for (const v of simVehicles(loaded.config, loaded.baseDir)) {
    for (const f of v.fixesBetween(FEED[0], FEED[1])) {
      const { ts, lat, lon, speedKmh, heading, work } = f;
      const payload = Buffer.from(JSON.stringify({ ts, lat, lon, speed_kmh: speedKmh, heading, work }));
      tel.ingest({ topic: `gridwatch/vehicles/${v.o.id}/position`, payload, receivedAt: app.ctx.clock.now() });
      n++;
    }
  }
  await tel.idle();
  return n;
}

/** A street-cart hit on cam-cart with a real annotated photo as evidence. */
export async function cartHit(app: App, id: string): Promise<Hit> {
  const now = app.ctx.clock.now();
  const photo = readFileSync(path.join(repoRoot, 'demo/media/detectron_street_cart_17790319373.jpg'));
  const ev = await EvidenceStore.inDataDir(app.ctx.dataDir).put(photo, 'annotated', 'image/jpeg', now);
  return {
    id,
    rule: 'vending',
    category: '05-04',
    cameraId: 'cam-cart',
    zoneId: 'cart-sidewalk',
    start: now - 20_000,
    lastSeen: now,
    repeat: 1,
    region: { x1: 0.3, y1: 0.35, x2: 0.75, y2: 1 },
    boxes: [{ label: 'person', score: 0.91, box: { x1: 0.35, y1: 0.4, x2: 0.5, y2: 0.95 } }],
    evidence: [ev],
  };
}
