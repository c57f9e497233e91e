/** The recording index in the main database: one row per segment file (camera, start, end, file, bytes). */
import type { Db, Migration } from '../../kernel/db.ts';
import type { Segment } from '../ring.ts';

export const recordingMigrations: readonly Migration[] = [
  {
    id: 'recordings-001-init',
    sql: `
CREATE TABLE recordings (
  file TEXT PRIMARY KEY,
  camera_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  end_ts INTEGER NOT NULL,
  bytes INTEGER NOT NULL
);
CREATE INDEX recordings_camera ON recordings (camera_id, start);
CREATE TABLE recording_cameras (
  camera_id TEXT PRIMARY KEY,
  since INTEGER NOT NULL
);`,
  },
  {
    // what retention deleted is not a blind spot: health counts from the end of the newest deleted segment
    id: 'recordings-002-pruned',
    sql: 'ALTER TABLE recording_cameras ADD COLUMN pruned_to INTEGER NOT NULL DEFAULT 0;',
  },
];

interface Row {
  file: string;
  camera_id: string;
  start: number;
  end_ts: number;
  bytes: number;
}

const toSegment = (r: Row): Segment => ({
  cameraId: r.camera_id,
  file: r.file,
  start: r.start,
  end: r.end_ts,
  bytes: r.bytes,
});

export class RecordingIndex {
  constructor(private readonly db: Db) {}

  /** Make the index of a camera match the segments on disk (new ones added, grown ones updated, gone ones removed). */
  sync(cameraId: string, onDisk: readonly Segment[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO recordings (file, camera_id, start, end_ts, bytes) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (file) DO UPDATE SET end_ts = excluded.end_ts, bytes = excluded.bytes`,
    );
    const del = this.db.prepare('DELETE FROM recordings WHERE file = ?');
    const present = new Set(onDisk.map((s) => s.file));
    this.db.transaction(() => {
      for (const s of onDisk) upsert.run(s.file, s.cameraId, Math.round(s.start), Math.round(s.end), s.bytes);
      for (const s of this.segments(cameraId)) if (!present.has(s.file)) del.run(s.file);
    })();
  }

  remove(files: readonly string[]): void {
    const del = this.db.prepare('DELETE FROM recordings WHERE file = ?');
    this.db.transaction(() => {
      for (const f of files) del.run(f);
    })();
  }

  /** A camera's segments overlapping [from, to] (all when omitted), oldest first. */
  segments(cameraId: string, from = 0, to = Number.MAX_SAFE_INTEGER): Segment[] {
    // whole ms, as the columns are (same rows for a fractional bound: start < to ⇔ start < ⌈to⌉ for whole starts)
    const rows = this.db
      .prepare('SELECT * FROM recordings WHERE camera_id = ? AND start < ? AND end_ts > ? ORDER BY start, file')
      .all(cameraId, Math.ceil(to), Math.floor(from)) as Row[];
    return rows.map(toSegment);
  }

  /** When recording of this camera began (first seen), set on first call. */
  since(cameraId: string, now: number): number {
    this.db
      .prepare('INSERT INTO recording_cameras (camera_id, since) VALUES (?, ?) ON CONFLICT (camera_id) DO NOTHING')
      .run(cameraId, Math.round(now));
    return this.db.prepare('SELECT since FROM recording_cameras WHERE camera_id = ?').pluck().get(cameraId) as number;
  }

  /** Retention deleted this camera's recording up to `to` (epoch ms). */
  pruned(cameraId: string, to: number): void {
    const ms = Math.round(to);
    this.db
      .prepare('UPDATE recording_cameras SET pruned_to = ? WHERE camera_id = ? AND pruned_to < ?')
      .run(ms, cameraId, ms);
  }

  /** Up to when retention has deleted this camera's recording (0: nothing deleted yet). */
  prunedTo(cameraId: string): number {
    const v = this.db.prepare('SELECT pruned_to FROM recording_cameras WHERE camera_id = ?').pluck().get(cameraId);
    return typeof v === 'number' ? v : 0;
  }

  /** Bytes and segment count of a camera. */
  usage(cameraId: string): { bytes: number; segments: number } {
    const r = this.db
      .prepare('SELECT COALESCE(SUM(bytes), 0) AS bytes, COUNT(*) AS segments FROM recordings WHERE camera_id = ?')
      .get(cameraId) as { bytes: number; segments: number };
    return r;
  }
}
