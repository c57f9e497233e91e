/** Test fixture for the case workflow: a small city with categories, units, routing, grid, calendar, cameras, users. */
import { afterAll, beforeAll } from 'vitest';
import { pino } from 'pino';
import { EventBus } from '../kernel/bus.ts';
import type { Clock } from '../kernel/clock.ts';
import { validateConfig } from '../kernel/config/load.ts';
import type { Config } from '../kernel/config/schema.ts';
import type { AppContext } from '../kernel/context.ts';
import { MainStore } from '../kernel/store.ts';
import type { CaseEvent, Hit, Violation } from '../kernel/types/index.ts';
import { casesMigrations } from './migrations.ts';
import { CasesModule, type CasesModuleOptions } from './module.ts';

/** 2026 holidays and 调休 days of the demo calendar (National Day, Mid-Autumn on Friday 09-25). */
export const calendar = {
  timezone: 'Asia/Shanghai',
  hours: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  weekend: [0, 6],
  holidays: ['2026-09-25', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-20', '2026-10-10'],
};

/** Raw config sections (YAML-shaped) of the fixture city. */
export function fixtureRaw(dataDir: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { cases: extraCases, ...rest } = extra;
  return {
    dataDir,
    log: { level: 'silent' },
    server: { port: 0 },
    mqtt: { mode: 'embedded', port: 0 },
    media: { enabled: false },
    cameras: [
      { id: 'cam-1', name: '解放路口', source: 'x.jpg', location: { lat: 34.0012, lon: 118.0021 } },
      { id: 'cam-2', name: '滨河路', source: 'y.jpg', location: { lat: 34.0301, lon: 118.0301 } },
    ],
    zones: [
      {
        id: 'z-vend',
        camera: 'cam-1',
        name: '解放路西侧人行道',
        kind: 'no-vending',
        polygon: [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
        category: '05-04',
      },
      {
        id: 'z-litter',
        camera: 'cam-2',
        name: '滨河人行道',
        kind: 'litter-watch',
        polygon: [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
        category: '01-02',
      },
    ],
    cases: {
      categories: [
        {
          code: '01-02',
          major: '市容环境',
          name: '暴露垃圾',
          limitHours: 4,
          autoRegister: true,
          autoDispatch: true,
          open311: true,
        },
        { code: '05-01', major: '街面秩序', name: '无照经营游商', limitHours: 2, open311: true },
        {
          code: '05-04',
          major: '街面秩序',
          name: '店外经营',
          limitHours: 2,
          autoRegister: true,
          autoDispatch: true,
          open311: true,
        },
        { code: '90-01', major: '环卫作业', name: '作业偏离路线', limitHours: 8, autoRegister: true },
      ],
      units: [
        { id: 'sanitation', name: '区环卫处' },
        { id: 'squad', name: '城管执法中队' },
        { id: 'market-squad', name: '市场执法组' },
        { id: 'chengjie', name: '城洁环卫公司', contractor: true },
      ],
      routing: [
        { category: '05-*', grid: 'MARKET', unit: 'market-squad' },
        { category: '05-*', unit: 'squad' },
        { category: '01-*', unit: 'sanitation' },
        { category: '90-*', unit: 'sanitation' },
      ],
      calendar,
      ...(extraCases as Record<string, unknown> | undefined),
    },
    grid: {
      cells: [
        {
          code: 'MARKET-01',
          polygon: [
            [118.01, 34.01],
            [118.012, 34.01],
            [118.012, 34.012],
            [118.01, 34.012],
          ],
        },
      ],
      regular: { origin: [118.0, 34.0], cellMeters: 100, columns: 50, rows: 50, prefix: '320302001' },
    },
    users: [
      { username: 'admin', role: 'admin', password: 'admin-pass-1' },
      { username: 'op', role: 'operator', password: 'op-pass-123' },
      { username: 'h-sq', role: 'handler', unit: 'squad', password: 'handler-pass-1' },
      { username: 'h-san', role: 'handler', unit: 'sanitation', password: 'handler-pass-2' },
      { username: 'reg', role: 'regulator', password: 'reg-pass-123' },
    ],
    ...rest,
  };
}

export function fixtureConfig(dataDir: string, extra: Record<string, unknown> = {}): Config {
  return validateConfig(fixtureRaw(dataDir, extra), 'fixture config');
}

export function hit(id: string, over: Partial<Hit> = {}): Hit {
  return {
    id,
    rule: 'vending',
    category: '05-04',
    cameraId: 'cam-1',
    zoneId: 'z-vend',
    start: 0,
    lastSeen: 0,
    repeat: 1,
    region: { x1: 0.3, y1: 0.4, x2: 0.6, y2: 0.9 },
    boxes: [],
    evidence: [{ kind: 'annotated', path: `hits/${id}.jpg`, sha256: `sha-${id}`, mime: 'image/jpeg', ts: 0 }],
    ...over,
  };
}

export function violation(id: string, over: Partial<Violation> = {}): Violation {
  return {
    id,
    kind: 'off-route',
    category: '90-01',
    vehicleId: 'S-4',
    planId: 'p1',
    contractor: '城洁环卫公司',
    start: 0,
    where: { lat: 34.0005, lon: 118.0005 },
    description: 'left the corridor of 解放路 for 420 m',
    track: [
      { lon: 118.0, lat: 34.0, ts: 1 },
      { lon: 118.0005, lat: 34.0005, ts: 2 },
    ],
    missedSegments: [],
    ...over,
  };
}

export interface Harness {
  readonly module: CasesModule;
  readonly store: MainStore;
  readonly bus: EventBus;
  readonly events: CaseEvent[];
  readonly logs: string[];
  stop(): Promise<void>;
}

let backend: () => Record<string, unknown> = () => ({});

/**
 * Tests run on both backends (describeBackends): `useBackend(ctx)` in each half makes startCases open its store on
 * that half's backend (a fresh PostgreSQL database per start, or the SQLite file in dataDir) while it runs.
 */
export function useBackend(ctx: { readonly database: () => Record<string, unknown> }): void {
  beforeAll(() => {
    backend = ctx.database;
  });
  afterAll(() => {
    backend = () => ({});
  });
}

/** The current backend's config sections, to start a store on the same database again (a restart). */
export function backendConfig(): Record<string, unknown> {
  return backend();
}

/** Start the cases module on a fresh store in `dataDir` with the fixture config (plus `extra` sections). */
export async function startCases(
  dataDir: string,
  clock: Clock,
  extra: Record<string, unknown> = {},
  opts: CasesModuleOptions = {},
): Promise<Harness> {
  const config = fixtureConfig(dataDir, { ...backend(), ...extra });
  const logs: string[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void logs.push(s) });
  const bus = new EventBus(log);
  const events: CaseEvent[] = [];
  bus.on('case', (e) => void events.push(e));
  const ctx: AppContext = { config, baseDir: dataDir, dataDir, bus, log, clock, startedAt: clock.now() };
  const store = MainStore.inDataDir(dataDir, casesMigrations, config.database.url);
  await store.start();
  const module = new CasesModule(ctx, store, opts);
  await module.start();
  return {
    module,
    store,
    bus,
    events,
    logs,
    stop: async () => {
      await module.stop();
      await store.stop();
    },
  };
}
