/**
 * Test helper: Debian's mosquitto on a free port with persistence in a temp dir and the queue limits lifted
 * (max_queued_messages 0: the default of 1000 silently drops QoS 1 messages under load, see the platform notes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { tempDir } from '../../kernel/testing.ts';
import { freePort, waitForPort } from './ports.ts';

export const MOSQUITTO_BIN = '/usr/sbin/mosquitto';
export const hasMosquitto = existsSync(MOSQUITTO_BIN);

export class Mosquitto {
  private child?: ChildProcess;
  readonly dir = tempDir('gw-mosq-');
  log = '';

  private constructor(readonly port: number) {}

  /** Start on a free port; `conf` may give the whole configuration text instead of the default below. */
  static async start(conf?: (m: Mosquitto) => string): Promise<Mosquitto> {
    const m = new Mosquitto(await freePort());
    writeFileSync(
      m.conf,
      conf?.(m) ??
        [
          `listener ${m.port} 127.0.0.1`,
          'allow_anonymous true',
          'persistence true',
          `persistence_location ${m.dir}/`,
          'max_queued_messages 0',
          'max_inflight_messages 0',
          'log_dest stdout',
          `user ${userInfo().username}`,
          '',
        ].join('\n'),
    );
    await m.start();
    return m;
  }

  get conf(): string {
    return path.join(this.dir, 'mosquitto.conf');
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(MOSQUITTO_BIN, ['-c', this.conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (this.log += d.toString()));
    this.child = child;
    await waitForPort(this.port);
  }

  /** Graceful stop (SIGTERM): mosquitto saves its persistent sessions and queued messages to disk. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
