/** Test helpers: a telemetry service with a JT/T 808 server on a free port, and a raw TCP client that reads replies. */
import { connect, type Socket } from 'node:net';
import { EventBus } from '../../kernel/bus.ts';
import { systemClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { silentLogger } from '../../kernel/log.ts';
import { testConfig, waitFor } from '../../kernel/testing.ts';
import { TelemetryService } from '../service.ts';
import { decodeFrame, type Frame } from './codec.ts';
import { Jt808Server } from './server.ts';
import { FrameSplitter } from './splitter.ts';

export const VEHICLES = [
  { id: 'S-4', type: 'sweeper' },
  { id: 'S-12', type: 'sweeper' },
  { id: 'P-1', type: 'garbage-truck' },
] as const;

export interface Harness {
  readonly ctx: AppContext;
  readonly svc: TelemetryService;
  readonly server: Jt808Server;
  stop(): Promise<void>;
}

export async function startJt808(jt808: Record<string, unknown>): Promise<Harness> {
  const { config, baseDir } = testConfig({ vehicles: VEHICLES, jt808: { port: 0, ...jt808 } });
  const log = silentLogger();
  const ctx: AppContext = {
    config,
    baseDir,
    dataDir: config.dataDir,
    bus: new EventBus(log),
    log,
    clock: systemClock,
    startedAt: Date.now(),
  };
  const svc = new TelemetryService(ctx);
  await svc.start();
  const server = new Jt808Server(ctx, config.jt808!, svc);
  await server.start();
  return {
    ctx,
    svc,
    server,
    stop: async () => {
      await server.stop();
      await svc.stop();
    },
  };
}

/** A raw terminal connection: write bytes, read every frame the platform sends. */
export class RawClient {
  readonly replies: Frame[] = [];
  closed = false;
  private constructor(readonly socket: Socket) {
    const s = new FrameSplitter(8192, {
      frame: (f) => {
        const d = decodeFrame(Buffer.from(f));
        if (d.ok) this.replies.push(d.frame);
      },
      garbage: () => undefined,
    });
    socket.on('data', (c: Buffer) => s.push(c));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  write(b: Buffer): void {
    this.socket.write(b);
  }

  /** Waits for the n-th reply (1-based count) and returns it. */
  async reply(n: number, timeoutMs = 10_000): Promise<Frame> {
    await waitFor(() => this.replies.length >= n, timeoutMs);
    return this.replies[n - 1]!;
  }

  close(): void {
    this.socket.destroy();
  }
}
