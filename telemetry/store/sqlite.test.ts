import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRawSqlite } from '../../kernel/db.ts';
import { tempDir } from '../../kernel/testing.ts';
import { fix, positionStoreContract, type ContractHarness } from './contract.ts';
import { SqliteStore } from './sqlite.ts';

async function harness(file: string): Promise<ContractHarness> {
  const store = new SqliteStore({ file, batchSize: 5000, retentionDays: 90 });
  await store.open();
  return {
    store,
    reader: store,
    strings: true,
    reopen: async () => {
      await store.close();
      return harness(file);
    },
    cleanup: () => store.close(),
  };
}

positionStoreContract('embedded SQLite', () => harness(path.join(tempDir(), 'positions.db')));

describe('SqliteStore specifics', () => {
  it('uses WAL and a WITHOUT ROWID table keyed (vehicle_id, ts)', async () => {
    const file = path.join(tempDir(), 'p.db');
    const store = new SqliteStore({ file, batchSize: 100, retentionDays: 90 });
    await store.open();
    await store.close();
    const db = openRawSqlite(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'positions'").pluck().get() as string;
    expect(sql).toMatch(/PRIMARY KEY \(vehicle_id, ts\)\s*\) WITHOUT ROWID/);
    db.close();
  });

  it('group-commits concurrent writes and counts duplicates', async () => {
    const store = new SqliteStore({ file: path.join(tempDir(), 'p.db'), batchSize: 1000, retentionDays: 90 });
    await store.open();
    await Promise.all([store.write([fix('A', 1), fix('A', 2)]), store.write([fix('A', 2), fix('B', 1)])]);
    expect(store.stats()).toMatchObject({ written: 3, duplicates: 1, buffered: 0, errors: 0 });
    await store.close();
  });

  it('retention deletes fixes older than retentionDays, per vehicle', async () => {
    let now = Date.now();
    const store = new SqliteStore({
      file: path.join(tempDir(), 'p.db'),
      batchSize: 100,
      retentionDays: 1,
      now: () => now,
    });
    await store.open();
    await store.write([fix('A', 0), fix('B', 0), fix('B', 100)]);
    now = fix('A', 50).ts + 86_400_000; // fix 0 is now more than 1 day old, fix 100 (100 s later) is not
    expect(store.applyRetention()).toBe(2);
    expect((await store.lastPositions()).map((p) => p.vehicleId)).toEqual(['B']);
    await store.close();
  });

  it('rejects writes after close', async () => {
    const store = new SqliteStore({ file: path.join(tempDir(), 'p.db'), batchSize: 100, retentionDays: 1 });
    await store.open();
    await store.close();
    await expect(store.write([fix('A', 1)])).rejects.toThrow(/closed/);
  });
});
