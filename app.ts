/**
 * The one place that wires gridwatch: config → context → components, started in order and stopped in reverse.
 * Each capability contributes its components here; nothing else constructs them.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { createApi } from './dashboard/api.ts';
import { HttpServer } from './dashboard/http.ts';
import { EventBus } from './kernel/bus.ts';
import { systemClock, type Clock } from './kernel/clock.ts';
import type { Component } from './kernel/component.ts';
import type { LoadedConfig } from './kernel/config/load.ts';
import type { AppContext } from './kernel/context.ts';
import { createLogger, type Logger } from './kernel/log.ts';
import { MainStore } from './kernel/store.ts';
import { EmbeddedBroker } from './telemetry/broker.ts';

export interface StartOptions {
  readonly loaded: LoadedConfig;
  readonly log?: Logger;
  readonly clock?: Clock;
}

export interface App {
  readonly ctx: AppContext;
  readonly components: readonly Component[];
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
  const store = MainStore.inDataDir(dataDir, []);
  components.push(store);
  if (config.mqtt.mode === 'embedded') {
    components.push(new EmbeddedBroker({ host: config.mqtt.host, port: config.mqtt.port, log }));
  }
  const http = new HttpServer(createApi(ctx, () => components), { host: config.server.host, port: config.server.port, log });
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
      throw new Error(`${c.name} failed to start: ${(err as Error).message}`, { cause: err });
    }
  }
  log.info({ components: components.map((c) => c.name) }, 'gridwatch started');
  return { ctx, components, http, url: () => `http://${config.server.host}:${http.port}`, stop };
}
