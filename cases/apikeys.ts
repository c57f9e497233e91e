/** Open311 api keys: random, shown once at creation; only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../kernel/db.ts';
import { InputError } from '../kernel/errors.ts';

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly revokedAt?: number;
  readonly lastUsedAt?: number;
}

interface Row {
  readonly id: string;
  readonly name: string;
  readonly created_at: number;
  readonly revoked_at: number | null;
  readonly last_used_at: number | null;
}

const digest = (key: string): string => createHash('sha256').update(key).digest('hex');

export class ApiKeyStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Create a key; the returned `key` is the only time it is ever visible. */
  add(name: string): { readonly id: string; readonly key: string } {
    if (!name.trim() || name.length > 100) throw new InputError('name: must be 1–100 characters');
    const id = randomBytes(4).toString('hex');
    const key = `gw_${id}_${randomBytes(24).toString('base64url')}`;
    this.db
      .prepare('INSERT INTO api_keys (id, name, hash, created_at) VALUES (?, ?, ?, ?)')
      .run(id, name.trim(), digest(key), this.now());
    return { id, key };
  }

  /** The key's record when it is valid and not revoked (and note its use). */
  verify(key: string): ApiKeyRecord | undefined {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE hash = ? AND revoked_at IS NULL').get(digest(key)) as
      | Row
      | undefined;
    if (!row) return undefined;
    const now = this.now();
    this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now, row.id);
    return { ...toRecord(row), lastUsedAt: now };
  }

  list(): ApiKeyRecord[] {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as Row[]).map(toRecord);
  }

  revoke(id: string): void {
    const info = this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.now(), id);
    if (info.changes === 0) throw new InputError(`id: no active api key "${id}"`);
  }
}

function toRecord(r: Row): ApiKeyRecord {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    ...(r.revoked_at !== null ? { revokedAt: r.revoked_at } : {}),
    ...(r.last_used_at !== null ? { lastUsedAt: r.last_used_at } : {}),
  };
}
