/**
 * The evidence ring on disk: `<root>/<camera>/<epoch s>-<run>.ts` segments written by each camera's ffmpeg.
 * Retention (age) and a quota across all cameras are enforced by sweeping; every file-system failure is logged and
 * skipped, so a full or broken disk never takes the process down.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../kernel/errors.ts';
import type { Logger } from '../kernel/log.ts';

export interface Segment {
  readonly cameraId: string;
  readonly file: string;
  /** Wall-clock start, epoch ms (from the name). */
  readonly start: number;
  /** Last write, epoch ms: the end of what the segment holds. */
  readonly end: number;
  readonly bytes: number;
}

export interface RingLimits {
  readonly retentionMinutes: number;
  readonly quotaMb: number;
}

const NAME = /^(\d{9,11})-(\d+)\.ts$/;

export class SegmentRing {
  constructor(
    readonly root: string,
    private readonly log: Logger,
  ) {}

  cameraDir(cameraId: string): string {
    return path.join(this.root, cameraId);
  }

  /** Create the camera's folder; false (logged) when the disk refuses. */
  prepare(cameraId: string): boolean {
    try {
      mkdirSync(this.cameraDir(cameraId), { recursive: true });
      return true;
    } catch (err) {
      this.log.warn({ camera: cameraId, err: errorMessage(err) }, 'cannot create recording folder; not recording');
      return false;
    }
  }

  /** A camera's segments, oldest first. */
  segments(cameraId: string): Segment[] {
    const dir = this.cameraDir(cameraId);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    const out: Segment[] = [];
    for (const name of names) {
      const m = NAME.exec(name);
      if (!m) continue;
      const file = path.join(dir, name);
      try {
        const st = statSync(file);
        out.push({ cameraId, file, start: Number(m[1]) * 1000, end: st.mtimeMs, bytes: st.size });
      } catch {
        // deleted meanwhile
      }
    }
    return out.sort((a, b) => a.start - b.start || a.file.localeCompare(b.file));
  }

  cameras(): string[] {
    try {
      return readdirSync(this.root, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
    } catch {
      return [];
    }
  }

  /**
   * Delete segments past retention, then the oldest ones until the ring fits the quota. Returns files deleted.
   * Cameras in `skip` (recorded beyond the ring: ingest/recording/) are left to their own retention.
   */
  sweep(now: number, limits: RingLimits, skip: ReadonlySet<string> = new Set()): number {
    const cutoff = now - limits.retentionMinutes * 60_000;
    const keep: Segment[] = [];
    let deleted = 0;
    for (const cam of this.cameras()) {
      if (skip.has(cam)) continue;
      const segs = this.segments(cam);
      segs.forEach((s, i) => {
        // The newest segment of a camera may still be being written: age alone never removes it.
        if (s.end < cutoff && i < segs.length - 1) deleted += this.remove(s) ? 1 : 0;
        else keep.push(s);
      });
    }
    let total = keep.reduce((sum, s) => sum + s.bytes, 0);
    const quota = limits.quotaMb * 1024 * 1024;
    if (total <= quota) return deleted;
    const newest = new Map<string, Segment>();
    for (const s of keep) newest.set(s.cameraId, s);
    for (const s of [...keep].sort((a, b) => a.start - b.start)) {
      if (total <= quota) break;
      if (newest.get(s.cameraId) === s) continue;
      if (this.remove(s)) {
        total -= s.bytes;
        deleted += 1;
      }
    }
    return deleted;
  }

  private remove(s: Segment): boolean {
    try {
      rmSync(s.file, { force: true });
      return true;
    } catch (err) {
      this.log.warn({ camera: s.cameraId, file: s.file, err: errorMessage(err) }, 'cannot delete old segment');
      return false;
    }
  }
}

/** Segments of one camera that overlap [fromMs, toMs]. */
export function overlapping(segments: readonly Segment[], fromMs: number, toMs: number): Segment[] {
  return segments.filter((s) => s.start < toMs && s.end > fromMs);
}

/** Delete plain files in `dir` last written before `cutoffMs` (cut clips are copied into evidence by their user). */
export function removeOlderThan(dir: string, cutoffMs: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (statSync(file).mtimeMs < cutoffMs) rmSync(file, { force: true });
    } catch {
      // gone already or not ours to delete
    }
  }
}
