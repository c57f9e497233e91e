/**
 * Per camera, the state a video node's rules must hand over when the camera moves to another node (JSON, written by
 * the holder, read by the next one). Writes are fenced by the lease generation: a node whose generation is older than
 * the one that wrote last cannot overwrite the newer holder's state (one upsert with the condition in its WHERE).
 */
import { dbOf, type DbSource } from './db-source.ts';

export interface SavedCameraState {
  readonly nodeId: string;
  readonly generation: number;
  readonly savedAt: number;
  readonly state: unknown;
}

const SAVE = `
INSERT INTO camera_rule_state (camera_id, node_id, generation, saved_at, state) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (camera_id) DO UPDATE SET
  node_id = excluded.node_id, generation = excluded.generation, saved_at = excluded.saved_at, state = excluded.state
WHERE camera_rule_state.generation <= excluded.generation`;

export class CameraStateStore {
  constructor(private readonly source: DbSource) {}

  private get db() {
    return dbOf(this.source);
  }

  /** Store the state of `cameraId` as held by `nodeId` under lease generation `generation`; false when fenced off. */
  save(cameraId: string, nodeId: string, generation: number, savedAt: number, state: unknown): boolean {
    return this.db.prepare(SAVE).run(cameraId, nodeId, generation, savedAt, JSON.stringify(state)).changes === 1;
  }

  /** The latest state of `cameraId`; a row that is not JSON reads as none (logged by the caller, never thrown). */
  load(cameraId: string): SavedCameraState | undefined {
    const r = this.db
      .prepare('SELECT node_id, generation, saved_at, state FROM camera_rule_state WHERE camera_id = ?')
      .get(cameraId) as
      | { node_id: string; generation: number | bigint; saved_at: number | bigint; state: string }
      | undefined;
    if (!r) return undefined;
    let state: unknown;
    try {
      state = JSON.parse(r.state);
    } catch {
      return undefined;
    }
    return { nodeId: r.node_id, generation: Number(r.generation), savedAt: Number(r.saved_at), state };
  }
}
