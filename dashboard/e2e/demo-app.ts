/**
 * The demo configuration for browser tests: real users, categories, units, plans and streets; one still camera;
 * the clock set to the evening of the JCIA trace's day and the trace fed through the real telemetry pipeline, so the
 * route-compliance reports and tracks are the real ones. 店外经营 (05-04) waits for a person to register and dispatch.
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
import { readTrace } from '../../telemetry/trace/index.ts';

export const TRACE = path.join(repoRoot, 'demo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv');
export const TRACE_DAY = '2015-12-10';
/** 23:00 in New York on the trace's day: every fix is in the past. */
const APP_NOW = Date.parse('2015-12-10T23:00:00-05:00');

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
  // no live demo fleet: it would publish the same vehicles with times shifted to "now" (after every trace fix), so
  // feedTrace's fixes would arrive late and be skipped by route compliance (S-4 first, as it leads the trace)
  const { replay: _liveFleet, ...mqtt } = c.mqtt;
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

/** Feed the demo trace through the telemetry pipeline (as MQTT messages would arrive) and wait until processed. */
export async function feedTrace(app: App): Promise<number> {
  const tel = app.components.find((x): x is TelemetryService => x instanceof TelemetryService);
  if (!tel) throw new Error('no telemetry component');
  const fixes = readTrace(TRACE, { tz: 'America/New_York' });
  for (const f of fixes) {
    const payload = Buffer.from(JSON.stringify({ ts: f.ts, lat: f.lat, lon: f.lon, work: { active: true } }));
    tel.ingest({ topic: `gridwatch/vehicles/${f.vehicleId}/position`, payload, receivedAt: app.ctx.clock.now() });
  }
  await tel.idle();
  return fixes.length;
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
