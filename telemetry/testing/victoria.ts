/**
 * Test helper: Debian's victoria-metrics as a stand-in InfluxDB write endpoint (/api/v2/write), read back through
 * /api/v1/export. It stores field F of measurement M as series "M_F"; string fields are stored as 0; with
 * -dedup.minScrapeInterval=1ms it keeps one sample per series and millisecond, like InfluxDB's overwrite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../kernel/testing.ts';
import { freePort, waitForPort } from './ports.ts';

export const VICTORIA_BIN = '/usr/bin/victoria-metrics';
export const hasVictoria = existsSync(VICTORIA_BIN);

export interface ExportedSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly values: readonly number[];
  readonly timestamps: readonly number[];
}

export class Victoria {
  private child?: ChildProcess;
  readonly dataDir = path.join(tempDir('gw-vm-'), 'data');

  constructor(readonly port: number) {}

  static async start(port?: number): Promise<Victoria> {
    const vm = new Victoria(port ?? (await freePort()));
    await vm.start();
    return vm;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      VICTORIA_BIN,
      [
        `-httpListenAddr=127.0.0.1:${this.port}`,
        `-storageDataPath=${this.dataDir}`,
        '-retentionPeriod=100y',
        '-dedup.minScrapeInterval=1ms',
        '-search.latencyOffset=0s',
        '-search.disableCache',
        '-loggerLevel=ERROR',
      ],
      { stdio: 'ignore' },
    );
    await waitForPort(this.port);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Every series matching `match` (a series selector), after making recent writes searchable. */
  async export(match: string): Promise<ExportedSeries[]> {
    await fetch(`${this.url}/internal/force_flush`);
    const q = new URLSearchParams({
      'match[]': match,
      start: '0',
      end: String(Math.floor(Date.now() / 1000) + 86_400),
    });
    const res = await fetch(`${this.url}/api/v1/export?${q}`);
    if (!res.ok) throw new Error(`export failed: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as ExportedSeries);
  }
}
