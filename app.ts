/**
 * The one place that wires gridwatch: config → context → components, started in order and stopped in reverse.
 * Each capability contributes its components here; nothing else constructs them.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { createApi } from './dashboard/api.ts';
import { Dashboard } from './dashboard/dashboard.ts';
import { HttpServer } from './kernel/http/server.ts';
import { dashboardMigrations } from './dashboard/migrations.ts';
import { casesMigrations } from './cases/migrations.ts';
import { CasesModule } from './cases/module.ts';
import { RulesModule } from './detect/rules/module.ts';
import { DetectPipeline } from './detect/service.ts';
import { CameraManager } from './ingest/manager.ts';
import { Recorder } from './ingest/recording/recorder.ts';
import { recordingMigrations } from './ingest/recording/index-store.ts';
import { CameraWindows } from './cases/camera-windows.ts';
import { MediaServer } from './ingest/media-server.ts';
import { EventBus, type BusConsumer } from './kernel/bus.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import type { Component } from './kernel/component.ts';
import type { LoadedConfig } from './kernel/config/load.ts';
import type { AppContext } from './kernel/context.ts';
import { createLogger, type Logger } from './kernel/log.ts';
import { MainStore } from './kernel/store.ts';
import { telemetryComponents } from './telemetry/components.ts';
import { RouteService } from './telemetry/route/service.ts';
import { DayReportStore, routeMigrations } from './telemetry/route/report-store.ts';
import { errorMessage } from './kernel/errors.ts';

export interface StartOptions {
  readonly loaded: LoadedConfig;
  readonly log?: Logger;
  readonly clock?: Clock;
}

export interface App {
  readonly ctx: AppContext;
  readonly components: readonly Component[];
  /** Everything that listens on the bus, with the topics it declares. */
  readonly busConsumers: readonly BusConsumer[];
  readonly http: HttpServer;
  url(): string;
  stop(): Promise<void>;
}

export async function startApp(opts: StartOptions): Promise<App> {
  const { config, baseDir } = opts.loaded;
  const log = opts.log ?? createLogger(config.log.level);
  const clock = opts.clock ?? systemClock;
  const dataDir = path.resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const ctx: AppContext = { config, baseDir, dataDir, bus: new EventBus(log), log, clock, startedAt: clock.now() };

  const components: Component[] = [];
  const store = MainStore.inDataDir(dataDir, [
    ...casesMigrations,
    ...dashboardMigrations,
    ...routeMigrations,
    ...recordingMigrations,
  ]);
  let cameras: CameraManager | undefined;
  // zones → vending/litter hits with evidence; camera re-check (核查)
  const rules = new RulesModule(ctx, { clips: () => cameras });
  // also the users every login is checked against
  const cases = new CasesModule(ctx, store, { rechecker: rules.rechecker });
  components.push(store, cases);
  // route compliance: a stage of the telemetry pipeline, started before it; restored from the stored fixes by it
  const reports = (): DayReportStore =>
    new DayReportStore(store.db, (err) => log.warn({ err: err.message }, 'saved day report skipped'));
  const route = new RouteService(ctx, { reports, awaitRestore: true });
  const telemetry = telemetryComponents(ctx);
  telemetry.service.addStage(route);
  components.push(route, ...telemetry.components);
  const media = config.media.enabled ? new MediaServer(ctx) : undefined;
  if (media) components.push(media);
  // camera frames → motion gate → detector → tracker → scene rules → re-check frames → evidence queue → bus
  const detector = new DetectPipeline(ctx, { scene: rules.stages });
  cameras = new CameraManager(ctx, {
    onFrame: (frame) => detector.push(frame),
    media,
    modelWidth: (id) => detector.inputWidth(id),
  });
  components.push(rules, detector, cameras);
  // recording beyond the evidence ring (its segments), retention around hits and open cases; playback
  let windows: CameraWindows | undefined;
  const cameraWindows = (): CameraWindows => {
    windows ??= new CameraWindows(store.db);
    return windows;
  };
  const recorder = new Recorder(ctx, { ring: cameras.ring, store, windows: cameraWindows });
  components.push(recorder);
  const dashboard = new Dashboard(ctx, store, { users: () => cases.users });
  components.push(dashboard);
  // a live view starts only while the login session its play token was issued to is alive (checked now, not cached)
  media?.checkSessionsWith((id) => !!dashboard.sessions.getById(id, false));
  // The bus in one place: who listens to what, as each consumer declares it (`subscribes`). Publishers: ingest
  // (camera.status), detect (hit), telemetry (vehicle.position, vehicle.status), route (violation), cases (case,
  // suppressions.changed), dashboard (zones.changed, session.ended). app.test.ts checks that nobody else listens.
  const busConsumers: readonly BusConsumer[] = [rules, cases, dashboard, ...(media ? [media] : [])];
  const api = createApi(ctx, {
    components: () => components,
    dashboard,
    cases,
    telemetry: telemetry.service,
    route,
    cameras,
    media,
    ...(opts.loaded.file ? { configFile: opts.loaded.file } : {}),
    recordings: { recorder, windows: cameraWindows, cases },
  });
  const http = new HttpServer(api, {
    host: config.server.host,
    port: config.server.port,
    log,
    headersTimeoutMs: config.server.headersTimeoutSeconds * 1000,
    requestTimeoutMs: config.server.requestTimeoutSeconds * 1000,
  });
  components.push(http);

  const started: Component[] = [];
  const stop = async (): Promise<void> => {
    for (const c of [...started].reverse()) {
      try {
        await c.stop();
      } catch (err) {
        log.error({ err, component: c.name }, 'component failed to stop cleanly');
      }
    }
    started.length = 0;
  };
  for (const c of components) {
    try {
      await c.start();
      started.push(c);
    } catch (err) {
      log.fatal({ err, component: c.name }, 'component failed to start');
      await stop();
      throw new Error(`${c.name} failed to start: ${errorMessage(err)}`, { cause: err });
    }
  }
  log.info(
    {
      components: components.map((c) => c.name),
      bus: Object.fromEntries(busConsumers.map((c) => [c.name, c.subscribes])),
    },
    'gridwatch started',
  );
  return { ctx, components, busConsumers, http, url: () => `http://${config.server.host}:${http.port}`, stop };
}
