/**
 * The evidence spool of a video node: every evidence file a published hit names is linked into DATA/spool/ (a hard
 * link, a copy across file systems) before the hit leaves, and uploaded to the core
 * (`PUT {coreUrl}/api/cluster/evidence/<sha256>`, the node token as bearer) until the core answers 2xx; only then is
 * the spool entry removed. A failing core is retried with doubling waits up to `retryMaxMs`, across restarts of either
 * side: the folder is the queue, so nothing is lost.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Component } from '../kernel/component.ts';
import { errorMessage } from '../kernel/errors.ts';
import { type EvidenceStore, mimeOfFile, shaOfFile } from '../kernel/evidence.ts';
import type { Logger } from '../kernel/log.ts';
import type { ComponentHealth, Evidence } from '../kernel/types/index.ts';

export interface SpoolOptions {
  readonly dir: string;
  readonly store: EvidenceStore;
  readonly coreUrl: string;
  readonly token: string;
  readonly nodeId: string;
  readonly log: Logger;
  readonly retryMaxMs: number;
  readonly fetch?: typeof fetch;
}

export class EvidenceSpool implements Component {
  readonly name = 'spool';
  private stopped = true;
  private loop?: Promise<void>;
  private wake?: () => void;
  private backoffMs = 500;
  private counts = { spooled: 0, uploaded: 0, failures: 0, refused: 0 };
  private lastError?: string;

  constructor(private readonly opts: SpoolOptions) {}

  /** Keep these files until the core has them (called before the hit naming them is published). */
  add(evidence: readonly Evidence[]): void {
    mkdirSync(this.opts.dir, { recursive: true });
    for (const e of evidence) {
      const target = path.join(this.opts.dir, path.basename(e.path));
      if (existsSync(target)) continue;
      const source = this.opts.store.resolve(e.path);
      if (!source) {
        this.opts.log.warn({ sha256: e.sha256 }, 'evidence file named by a hit is missing; not spooled');
        continue;
      }
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target); // another file system (or links refused)
      }
      this.counts.spooled++;
    }
    this.wake?.();
  }

  /** Files waiting for the core. */
  pending(): number {
    return existsSync(this.opts.dir) ? this.files().length : 0;
  }

  async start(): Promise<void> {
    mkdirSync(this.opts.dir, { recursive: true });
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  health(): ComponentHealth {
    const pending = this.pending();
    return {
      state: pending > 0 && this.lastError ? 'degraded' : 'ok',
      detail: `${pending} evidence files waiting for the core${this.lastError ? ` (${this.lastError})` : ''}`,
      stats: { pending, ...this.counts },
    };
  }

  private files(): string[] {
    return readdirSync(this.opts.dir).filter((f) => shaOfFile(f) !== undefined);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const drained = await this.drain();
      const wait = drained ? 2000 : this.backoffMs;
      if (!drained) this.backoffMs = Math.min(this.backoffMs * 2, this.opts.retryMaxMs);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Upload every spooled file; false at the first failure (the rest waits for the next round). */
  private async drain(): Promise<boolean> {
    for (const name of this.files()) {
      if (this.stopped) return true;
      try {
        await this.upload(name);
        this.backoffMs = 500;
        this.lastError = undefined;
      } catch (err) {
        this.counts.failures++;
        if (this.lastError !== errorMessage(err))
          this.opts.log.warn({ err: errorMessage(err), file: name }, 'evidence upload failed; kept in the spool');
        this.lastError = errorMessage(err);
        return false;
      }
    }
    return true;
  }

  private async upload(name: string): Promise<void> {
    const file = path.join(this.opts.dir, name);
    const body = await readFile(file).catch(() => undefined);
    if (!body) return; // gone meanwhile
    const sha = shaOfFile(name)!;
    const res = await (this.opts.fetch ?? fetch)(
      `${this.opts.coreUrl.replace(/\/$/, '')}/api/cluster/evidence/${sha}`,
      {
        method: 'PUT',
        body,
        headers: {
          Authorization: `Bearer ${this.opts.token}`,
          'Content-Type': mimeOfFile(name),
          'X-Gridwatch-Node': this.opts.nodeId,
        },
        signal: AbortSignal.timeout(60_000),
      },
    );
    await res.body?.cancel();
    if ([400, 413, 415].includes(res.status)) {
      // the core will never take this file (damaged, too large): set aside for a person, the queue goes on
      mkdirSync(path.join(this.opts.dir, 'refused'), { recursive: true });
      await rename(file, path.join(this.opts.dir, 'refused', name));
      this.counts.refused++;
      this.opts.log.error({ file: name, status: res.status }, 'core refused an evidence file; moved to spool/refused');
      return;
    }
    if (!res.ok) throw new Error(`core answered ${res.status}`);
    await unlink(file).catch(() => undefined);
    this.counts.uploaded++;
  }
}
