/**
 * A real RTSP camera for tests and benchmarks: GStreamer's RTSP server (Debian python3-gi +
 * gir1.2-gst-rtsp-server-1.0) looping an H.264 MP4 without re-encoding, at rtsp://127.0.0.1:PORT/cam1…camN.
 * It can be stopped and started again on the same port, to play a camera that drops off the network.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../probe.ts';
import { errorMessage } from '../../kernel/errors.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const parkingClip = path.resolve(here, '../../demo/media/intel_car-detection_parkinglot_overhead.mp4');
/** Debian's python: a pyenv python3 earlier on PATH has no `gi`. */
export const systemPython = '/usr/bin/python3';

export interface RtspServerOptions {
  /** H.264 MP4 to serve; the real parking-lot clip by default. */
  readonly file?: string;
  readonly mounts?: number;
  /** Extra mount paths besides /camN, e.g. a media server's `/rtp/<device>_<channel>` (GB/T 28181 platforms). */
  readonly paths?: readonly string[];
  /** Fixed port; a free one by default. */
  readonly port?: number;
}

export interface RtspTestServer {
  readonly port: number;
  /** rtsp://127.0.0.1:PORT/camN (N from 1). */
  url(mount?: number): string;
  readonly running: boolean;
  readonly pid: number | undefined;
  /** Start again on the same port after stop(). */
  start(): Promise<void>;
  /** SIGKILL (a crash, connections cut) and wait for the exit. */
  stop(): Promise<void>;
}

/** True when this machine can run the test RTSP server. */
export function rtspServerAvailable(): boolean {
  return existsSync(systemPython);
}

function waitReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => fail(new Error(`RTSP test server not ready within ${timeoutMs} ms: ${out}`)),
      timeoutMs,
    );
    const fail = (err: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (/^READY \d+/m.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`RTSP test server exited (${code}): ${out.trim()}`)));
  });
}

/** Servers still running when the test process exits are killed with it. */
const children = new Set<ChildProcess>();
let exitHook = false;

/** With GRIDWATCH_RTSP_LOG=FILE the servers' output (GST_DEBUG too) is appended to FILE, for debugging. */
function track(child: ChildProcess): ChildProcess {
  const logFile = process.env.GRIDWATCH_RTSP_LOG;
  if (logFile) {
    const save = (d: Buffer): void => appendFileSync(logFile, d);
    child.stdout?.on('data', save);
    child.stderr?.on('data', save);
  }
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const c of children) c.kill('SIGKILL');
    });
  }
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function startRtspServer(opts: RtspServerOptions = {}): Promise<RtspTestServer> {
  const port = opts.port ?? (await freePort());
  const file = opts.file ?? parkingClip;
  let child: ChildProcess | undefined;

  const server: RtspTestServer = {
    port,
    url: (mount = 1) => `rtsp://127.0.0.1:${port}/cam${mount}`,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    get pid() {
      return child?.pid;
    },
    async start() {
      if (server.running) return;
      const args = [
        path.join(here, 'rtsp_server.py'),
        '--port',
        String(port),
        '--file',
        file,
        '--mounts',
        String(opts.mounts ?? 1),
        ...(opts.paths ?? []).flatMap((p) => ['--path', p]),
      ];
      const env = {
        ...process.env,
        GST_REGISTRY: path.join(tmpdir(), `gridwatch-gst-registry-${process.getuid?.() ?? 0}.bin`),
      };
      child = track(spawn(systemPython, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
      // A port just released can take a moment to bind again; try a few times.
      for (let attempt = 0; ; attempt++) {
        try {
          await waitReady(child, 15_000);
          return;
        } catch (err) {
          if (attempt >= 4 || !/cannot listen/.test(errorMessage(err))) throw err;
          await new Promise((r) => setTimeout(r, 500));
          child = track(spawn(systemPython, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
        }
      }
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  return server;
}
