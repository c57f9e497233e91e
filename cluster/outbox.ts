/**
 * The durable outbox of a video or telemetry node's findings: each hit / violation message is written to its own file
 * in DATA/spool/findings/ (temp file, fsync, rename, fsync of the folder) BEFORE it is handed to mqtt.js, and removed
 * only when the broker's PUBACK arrives. A node killed with -9 (or a power cut) therefore loses no finding: at the
 * next start the leftovers are published again, in their original order, with their original message ids (the core's
 * `cluster_processed` ledger makes a second copy of one the broker already had harmless).
 *
 * Bounded by `max` files. When it is full (the broker unreachable for a long time) the files already there are kept
 * (they are findings the node already promised) and a new finding is still handed to mqtt.js, which keeps it in
 * memory and sends it when the broker is back, but is NOT written: it is counted (`overflow`) and logged, and the
 * node's health turns degraded. Dropping the oldest instead would destroy findings for certain; this way only a
 * finding made while the disk bound is reached AND lost with the process can go missing, and the operator sees it.
 * A disk that refuses the write (full, read-only) is handled the same way. A damaged file (not JSON, not a finding,
 * or a temp file of a write cut short) is moved to findings/damaged/ and logged; it never stops the node.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../kernel/errors.ts';
import type { Logger } from '../kernel/log.ts';
import { decodeFinding } from './messages.ts';

export interface OutboxOptions {
  readonly dir: string;
  /** The most findings kept on disk. */
  readonly max: number;
  readonly log: Logger;
}

/** A finding waiting for the broker's acknowledgement: its file name (the id), topic and message. */
export interface OutboxEntry {
  readonly id: string;
  readonly topic: string;
  readonly payload: string;
}

const FILE = /^(\d{12})\.json$/;
const TEMP = /^\.\d{12}\.json\.tmp$/;
const record = z.strictObject({ topic: z.string().min(1), payload: z.string().min(1) });

export class FindingsOutbox {
  readonly counts = { written: 0, acked: 0, overflow: 0, writeErrors: 0, damaged: 0, recovered: 0 };
  private readonly waiting = new Set<string>();
  private next = 1;

  constructor(private readonly opts: OutboxOptions) {}

  /** Findings on disk, not yet acknowledged. */
  get size(): number {
    return this.waiting.size;
  }

  get full(): boolean {
    return this.waiting.size >= this.opts.max;
  }

  /**
   * Read what an earlier run left (oldest first); damaged files are moved aside. Call once, before `add`.
   */
  open(): OutboxEntry[] {
    const { dir, log } = this.opts;
    mkdirSync(dir, { recursive: true });
    const out: OutboxEntry[] = [];
    const names = readdirSync(dir).sort();
    for (const name of names) {
      const m = FILE.exec(name);
      if (TEMP.test(name)) this.setAside(name, 'a write cut short (the node died while writing it)');
      if (!m) continue;
      this.next = Math.max(this.next, Number(m[1]) + 1);
      const entry = this.read(name);
      if (!entry) continue;
      out.push(entry);
      this.waiting.add(name);
    }
    this.counts.recovered = out.length;
    if (out.length > 0) log.info({ findings: out.length, dir }, 'findings left unacknowledged by the last run');
    return out;
  }

  /** Write a finding durably; its id, or undefined when it could not be kept (full, disk error: counted, logged). */
  add(topic: string, payload: string): string | undefined {
    const { dir, log, max } = this.opts;
    if (this.full) {
      this.counts.overflow++;
      if (this.counts.overflow === 1 || this.counts.overflow % 1000 === 0)
        log.error(
          { overflow: this.counts.overflow, max, topic },
          'findings outbox full (broker unreachable?): new findings are kept in memory only until it drains',
        );
      return undefined;
    }
    const id = `${String(this.next++).padStart(12, '0')}.json`;
    const tmp = path.join(dir, `.${id}.tmp`);
    try {
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, JSON.stringify({ topic, payload }));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path.join(dir, id));
      this.syncDir();
    } catch (err) {
      this.counts.writeErrors++;
      log.error({ err: errorMessage(err), topic }, 'finding could not be written to the outbox; kept in memory only');
      try {
        unlinkSync(tmp);
      } catch {
        // not there
      }
      return undefined;
    }
    this.waiting.add(id);
    this.counts.written++;
    return id;
  }

  /** The broker has it: forget the file. */
  ack(id: string): void {
    if (!this.waiting.delete(id)) return;
    this.counts.acked++;
    try {
      unlinkSync(path.join(this.opts.dir, id));
    } catch (err) {
      // a leftover file is only sent again (and deduplicated on the core); never fatal
      this.opts.log.warn({ err: errorMessage(err), file: id }, 'acknowledged finding could not be removed');
    }
  }

  private read(name: string): OutboxEntry | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path.join(this.opts.dir, name), 'utf8'));
    } catch (err) {
      this.setAside(name, `unreadable: ${errorMessage(err)}`);
      return undefined;
    }
    const r = record.safeParse(parsed);
    if (!r.success) {
      this.setAside(name, 'not an outbox record');
      return undefined;
    }
    const decoded = decodeFinding(Buffer.from(r.data.payload));
    if (!decoded.ok) {
      this.setAside(name, `not a finding: ${decoded.error}`);
      return undefined;
    }
    return { id: name, ...r.data };
  }

  private setAside(name: string, reason: string): void {
    const aside = path.join(this.opts.dir, 'damaged');
    this.counts.damaged++;
    try {
      mkdirSync(aside, { recursive: true });
      renameSync(path.join(this.opts.dir, name), path.join(aside, `${Date.now()}-${name}`));
      this.opts.log.error({ file: name, reason }, 'damaged file in the findings outbox moved to damaged/');
    } catch (err) {
      this.opts.log.error({ file: name, reason, err: errorMessage(err) }, 'damaged outbox file could not be moved');
    }
  }

  private syncDir(): void {
    try {
      const fd = openSync(this.opts.dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // some file systems refuse fsync on a folder; the file itself is synced
    }
  }

  /** For tests and /api/health: files now on disk (not counting damaged/). */
  filesOnDisk(): string[] {
    return existsSync(this.opts.dir) ? readdirSync(this.opts.dir).filter((f) => FILE.test(f)) : [];
  }
}
