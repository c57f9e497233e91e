/**
 * The one place that wires gridwatch: config → context → components, started in order and stopped in reverse.
 * Each capability contributes its components here; nothing else constructs them. What runs depends on the node's
 * role (`node.role`, `gridwatch start --role`), one list per role below: `all` (everything in one process, the
 * default), `core` (cases, dashboard/API, fed by the broker), `video` (cameras → hits to the broker, evidence to the
 * core) and `telemetry` (positions → route checks → violations to the broker). See cluster/README.md.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Hono } from 'hono';
import { createApi } from './dashboard/api.ts';
import { Dashboard } from './dashboard/dashboard.ts';
import { HttpServer } from './kernel/http/server.ts';
import { CasesModule } from './cases/module.ts';
import { RulesModule } from './detect/rules/module.ts';
import { ZoneFeed } from './detect/rules/zone-feed.ts';
import { DetectPipeline } from './detect/service.ts';
import { CameraManager } from './ingest/manager.ts';
import { Recorder } from './ingest/recording/recorder.ts';
import { CameraWindows } from './cases/camera-windows.ts';
import { MediaServer } from './ingest/media-server.ts';
import { EventBus, type BusConsumer } from './kernel/bus.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import type { Component } from './kernel/component.ts';
import type { NodeRole } from './kernel/config/cluster.ts';
import type { LoadedConfig } from './kernel/config/load.ts';
import type { AppContext } from './kernel/context.ts';
import type { Db, Migration } from './kernel/db.ts';
import { createLogger, type Logger } from './kernel/log.ts';
import { MainStore } from './kernel/store.ts';
import type { ApiEnv } from './kernel/types/user.ts';
import { telemetryComponents } from './telemetry/components.ts';
import { ownsVehicle } from './telemetry/partition.ts';
import { RouteService } from './telemetry/route/service.ts';
import { DayReportStore } from './telemetry/route/report-store.ts';
import { mainMigrations } from './main-migrations.ts';
import { errorMessage } from './kernel/errors.ts';
import { clusterBridgeMigrations } from './cluster/migrations.ts';
import { nodeApi } from './cluster/node-api.ts';
import { coreBridge, evidenceSpool, leaseMs, nodeIdOf, nodePublisher } from './cluster/parts.ts';
import type { HeldCameras } from './cluster/publisher.ts';
import { CameraStateStore } from './kernel/cluster/camera-state.ts';
import { LeaderElection } from './kernel/cluster/leader.ts';
import { LeaseStore } from './kernel/cluster/leases.ts';
import { clusterMigrations } from './kernel/cluster/migrations.ts';
import { MaskFeed } from './cases/verdicts/mask-feed.ts';
import { cameraGate } from './ingest/leases/gate.ts';
import { CameraLeaseKeeper } from './ingest/leases/keeper.ts';

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

/** What one role runs: its components in start order, its bus consumers, its HTTP API. */
interface Wiring {
  readonly components: Component[];
  readonly busConsumers: readonly BusConsumer[];
  readonly api: Hono<ApiEnv>;
}

type Wire = (ctx: AppContext, loaded: LoadedConfig) => Wiring;

const WIRING: Readonly<Record<NodeRole, Wire>> = {
  all: wireAll,
  core: wireCore,
  video: wireVideo,
  telemetry: wireTelemetry,
};

export async function startApp(opts: StartOptions): Promise<App> {
  const { config, baseDir } = opts.loaded;
  const log = opts.log ?? createLogger(config.log.level);
  const clock = opts.clock ?? systemClock;
  const dataDir = path.resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const ctx: AppContext = { config, baseDir, dataDir, bus: new EventBus(log), log, clock, startedAt: clock.now() };
  const wiring = WIRING[config.node.role](ctx, opts.loaded);
  const http = new HttpServer(wiring.api, {
    host: config.server.host,
    port: config.server.port,
    log,
    headersTimeoutMs: config.server.headersTimeoutSeconds * 1000,
    requestTimeoutMs: config.server.requestTimeoutSeconds * 1000,
  });
  // the API's /api/health reads this same list: http included
  const components = wiring.components;
  components.push(http);
  const busConsumers = wiring.busConsumers;

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
      role: config.node.role,
      node: config.node.id,
      components: components.map((c) => c.name),
      bus: Object.fromEntries(busConsumers.map((c) => [c.name, c.subscribes])),
    },
    'gridwatch started',
  );
  return { ctx, components, busConsumers, http, url: () => `http://${config.server.host}:${http.port}`, stop };
}

/** The main database with the given modules' migrations: PostgreSQL at database.url, else DATA/gridwatch.db. */
function openStore(ctx: AppContext, ...extra: Migration[][]): MainStore {
  return MainStore.inDataDir(ctx.dataDir, [...mainMigrations, ...extra.flat()], ctx.config.database.url, ctx.log);
}

/** Everything in one process: today's gridwatch. */
function wireAll(ctx: AppContext, loaded: LoadedConfig): Wiring {
  const { config, log } = ctx;
  const components: Component[] = [];
  const store = openStore(ctx);
  let cameras: CameraManager | undefined;
  // zones (configured, with the zone editor's saved edits) → vending/litter hits with evidence; camera re-check (核查)
  const rules = new RulesModule(ctx, { clips: () => cameras, savedZones: () => store.db });
  // also the users every login is checked against
  const cases = new CasesModule(ctx, store, { rechecker: rules.rechecker });
  components.push(store, cases);
  // route compliance: a stage of the telemetry pipeline, started before it; restored from the stored fixes by it
  const { route, telemetry } = telemetryWithRoute(ctx, store, log);
  components.push(route, ...telemetry.components);
  const media = config.media.enabled ? new MediaServer(ctx) : undefined;
  if (media) components.push(media);
  // camera frames → motion gate → detector → tracker → scene rules → re-check frames → evidence queue → bus
  const video = videoPipeline(ctx, store, rules, media);
  cameras = video.cameras;
  components.push(rules, video.detector, cameras, video.recorder);
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
    ...(loaded.file ? { configFile: loaded.file } : {}),
    recordings: { recorder: video.recorder, windows: video.windows, cases },
  });
  return { components, busConsumers, api };
}

/** Core: cases, dashboard/API, notifications and KPIs, fed with hits and violations by the broker. */
function wireCore(ctx: AppContext, loaded: LoadedConfig): Wiring {
  const store = openStore(ctx, [...clusterMigrations, ...clusterBridgeMigrations]);
  const db = (): Db => store.db;
  // singleton jobs (webhook and notification delivery, deadline timers, escalations) on the elected core only
  const leader = new LeaderElection({
    db,
    nodeId: nodeIdOf(ctx),
    clock: ctx.clock,
    log: ctx.log,
    leaseMs: leaseMs(ctx),
  });
  const cases = new CasesModule(ctx, store, { leader }); // no camera here: verification (核查) stays manual
  const dashboard = new Dashboard(ctx, store, { users: () => cases.users });
  // the broker → the bus, exactly once per message, hits fenced by the camera leases; evidence uploads; /api/cluster
  const leases = new LeaseStore(db, ctx.clock);
  const bridge = coreBridge(ctx, db, () => leases);
  let saved: DayReportStore | undefined;
  const reports = (): DayReportStore => {
    saved ??= new DayReportStore(db(), (err) => ctx.log.warn({ err: err.message }, 'saved day report skipped'));
    return saved;
  };
  const components: Component[] = [store, leader, cases, dashboard, bridge.consumer];
  const api = createApi(ctx, {
    components: () => components,
    dashboard,
    cases,
    media: undefined,
    ...(loaded.file ? { configFile: loaded.file } : {}),
    cluster: bridge.routes,
    savedReports: (range) => reports().load(range), // saved by the telemetry nodes
  });
  return { components, busConsumers: [cases, dashboard], api };
}

/**
 * Video: the cameras this node holds the lease of → detection → rules (their state in the shared database, so a
 * camera moving between nodes goes on) → hits to the broker; their evidence spooled and uploaded to the core.
 */
function wireVideo(ctx: AppContext): Wiring {
  const { config, clock, log } = ctx;
  const store = openStore(ctx, [...clusterMigrations]);
  const db = (): Db => store.db;
  const nodeId = nodeIdOf(ctx);
  let keeper: CameraLeaseKeeper | undefined;
  const generationOf = (cameraId: string): number | undefined => keeper?.generationOf(cameraId);
  const held: HeldCameras = { held: () => keeper?.heldCameras() ?? [], generationOf };
  let cameras: CameraManager | undefined;
  const handover = { store: new CameraStateStore(db), nodeId, generationOf };
  const rules = new RulesModule(ctx, { clips: () => cameras, handover });
  const video = videoPipeline(ctx, store, rules, undefined, true);
  cameras = video.cameras;
  // the false-alarm masks of the held cameras, read from the database (the core's verdicts)
  const masks = new MaskFeed({ db, bus: ctx.bus, clock, log, cameras: held.held });
  // the zones edited in a core's zone editor, read from the database (at start, then as they change)
  const zones = new ZoneFeed({ db, bus: ctx.bus, log });
  keeper = new CameraLeaseKeeper({
    leases: new LeaseStore(db, clock),
    nodeId,
    cameras: config.cameras.filter((c) => c.enabled).map((c) => c.id),
    maxCameras: config.node.maxCameras,
    leaseMs: leaseMs(ctx),
    clock,
    log,
    ...cameraGate(cameras, { masks, ...(rules.handover ? { handover: rules.handover } : {}) }),
  });
  const spool = evidenceSpool(ctx, rules.store);
  const publisher = nodePublisher(ctx, 'video', { cameras: held, spool });
  const components: Component[] = [store, spool, publisher, rules, zones, video.detector, cameras, video.recorder];
  components.push(masks);
  components.push(keeper); // last: cameras start as their leases are taken
  const api = nodeApi(ctx, { components: () => components, cameras: held, evidence: rules.store });
  return { components, busConsumers: [rules, publisher], api };
}

/** Telemetry: positions → store → route checks → violations to the broker; day reports in the database. */
function wireTelemetry(ctx: AppContext): Wiring {
  const store = openStore(ctx);
  const { route, telemetry } = telemetryWithRoute(ctx, store, ctx.log);
  const m = ctx.config.mqtt;
  const mine = ctx.config.vehicles
    .map((v) => v.id)
    .filter((id) => m.mode !== 'url' || !m.partition || ownsVehicle(id, m.partition));
  const publisher = nodePublisher(ctx, 'telemetry', { vehicles: () => mine });
  const components: Component[] = [store, publisher, route, ...telemetry.components];
  return { components, busConsumers: [publisher], api: nodeApi(ctx, { components: () => components }) };
}

function telemetryWithRoute(ctx: AppContext, store: MainStore, log: Logger) {
  const reports = (): DayReportStore =>
    new DayReportStore(store.db, (err) => log.warn({ err: err.message }, 'saved day report skipped'));
  const route = new RouteService(ctx, { reports, awaitRestore: true });
  const telemetry = telemetryComponents(ctx);
  telemetry.service.addStage(route);
  return { route, telemetry };
}

function videoPipeline(ctx: AppContext, store: MainStore, rules: RulesModule, media?: MediaServer, leased = false) {
  const detector = new DetectPipeline(ctx, { scene: rules.stages });
  const cameras = new CameraManager(ctx, {
    onFrame: (frame) => detector.push(frame),
    media,
    modelWidth: (id) => detector.inputWidth(id),
    leased,
  });
  // recording beyond the evidence ring (its segments), retention around hits and open cases; playback
  let windows: CameraWindows | undefined;
  const cameraWindows = (): CameraWindows => {
    windows ??= new CameraWindows(store.db);
    return windows;
  };
  const recorder = new Recorder(ctx, { ring: cameras.ring, store, windows: cameraWindows });
  return { detector, cameras, recorder, windows: cameraWindows };
}
