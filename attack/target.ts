/**
 * The attack suite's target process: the demo configuration (patched by the harness: temp data dir, every port free
 * on 127.0.0.1) started with `startApp`, exactly as `gridwatch start` starts it. Prints one JSON line with the ports,
 * logs (pino JSON) to stdout after it, stops cleanly on SIGTERM.
 *   node --import tsx attack/target.ts '<patch JSON>'
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { startApp } from '../app.ts';
import { demoConfigFile } from '../demo/index.ts';
import { validateConfig } from '../kernel/config/load.ts';
import { createLogger } from '../kernel/log.ts';
import { MediaServer } from '../ingest/media-server.ts';
import { EmbeddedBroker } from '../telemetry/broker.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key; anything else (arrays included) replaces. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isObj(base) || !isObj(patch)) return patch;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = v === null ? undefined : deepMerge(base[k], v);
  return out;
}

export interface TargetPorts {
  readonly http: number;
  readonly mqtt: number;
  readonly rtmp: number;
  readonly flv: number;
  readonly pid: number;
}

async function main(): Promise<void> {
  const patch = JSON.parse(process.argv[2] ?? '{}') as Obj;
  const raw = deepMerge(parse(readFileSync(demoConfigFile, 'utf8')), patch);
  const config = validateConfig(raw, 'attack target config');
  const log = createLogger(config.log.level);
  const loaded = { config, baseDir: path.dirname(demoConfigFile), file: demoConfigFile };
  const app = await startApp({ loaded, log });
  const broker = app.components.find((c): c is EmbeddedBroker => c instanceof EmbeddedBroker);
  const media = app.components.find((c): c is MediaServer => c instanceof MediaServer);
  const ports: TargetPorts = {
    http: app.http.port,
    mqtt: broker?.port ?? 0,
    rtmp: media?.rtmpPort ?? 0,
    flv: media?.httpPort ?? 0,
    pid: process.pid,
  };
  process.stdout.write(`${JSON.stringify({ gridwatchTarget: ports })}\n`);
  let stopping = false;
  process.on('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    process.stderr.write(`attack target failed to start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
