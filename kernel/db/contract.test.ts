import { expect, it } from 'vitest';
import { describeBackends } from '../testing/backends.ts';
import { countWhere, isUniqueViolation, jsonEachValues, jsonNumber, jsonText } from './dialect.ts';
import { migrate } from './migrate.ts';

const schema = [
  {
    id: 'c-001',
    sql: `CREATE TABLE items (
      id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, ts INTEGER NOT NULL, score REAL, data TEXT,
      raw BLOB
    )`,
  },
];

describeBackends('store contract', (open, { dialect }) => {
  it('runs, reads and plucks with ? parameters; 64-bit integers, reals, text, NULL and blobs round-trip', () => {
    const db = open(schema);
    expect(db.dialect).toBe(dialect);
    const insert = db.prepare('INSERT INTO items (name, ts, score, data, raw) VALUES (?, ?, ?, ?, ?) RETURNING id');
    const ts = 1_764_979_200_123; // epoch ms: past 32 bits
    const id = insert.pluck().get('a', ts, 2.5, null, Buffer.from([0, 1, 255])) as number;
    expect(typeof id).toBe('number');
    insert.get('b', ts + 1, null, '{"k":"v"}', null);
    const row = db.prepare('SELECT name, ts, score, data, raw FROM items WHERE id = ?').get(id) as Record<
      string,
      unknown
    >;
    expect(row).toEqual({ name: 'a', ts, score: 2.5, data: null, raw: Buffer.from([0, 1, 255]) });
    expect(Buffer.isBuffer(row.raw)).toBe(true);
    expect(db.prepare('SELECT name FROM items ORDER BY ts').pluck().all()).toEqual(['a', 'b']);
    expect([...db.prepare('SELECT ts FROM items ORDER BY ts').pluck().iterate()]).toEqual([ts, ts + 1]);
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 2 });
    expect(db.prepare('UPDATE items SET score = ? WHERE ts >= ?').run(1, ts).changes).toBe(2);
    expect(db.prepare('SELECT name FROM items WHERE name = ?').get('zz')).toBeUndefined();
    // a ? inside a literal or a comment is not a parameter
    expect(db.prepare("SELECT '?' AS q, ? AS p -- what?\n").get('x')).toEqual({ q: '?', p: 'x' });
  });

  it('commits, rolls back, and rolls back a nested transaction alone (savepoint)', () => {
    const db = open(schema);
    const add = db.prepare('INSERT INTO items (name, ts) VALUES (?, 1)');
    const names = (): unknown[] => db.prepare('SELECT name FROM items ORDER BY name').pluck().all();
    db.transaction(() => add.run('a'))();
    expect(() =>
      db.transaction(() => {
        add.run('b');
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(names()).toEqual(['a']);
    db.transaction(() => {
      expect(db.inTransaction).toBe(true);
      add.run('c');
      expect(() =>
        db.transaction(() => {
          add.run('d');
          add.run('a'); // unique violation inside the savepoint
        })(),
      ).toThrow();
      add.run('e'); // the outer transaction goes on
    })();
    expect(db.inTransaction).toBe(false);
    expect(names()).toEqual(['a', 'c', 'e']);
  });

  it('tells a unique violation by its code on either backend', () => {
    const db = open(schema);
    db.prepare("INSERT INTO items (name, ts) VALUES ('x', 1)").run();
    let caught: unknown;
    try {
      db.prepare("INSERT INTO items (name, ts) VALUES ('x', 2)").run();
    } catch (err) {
      caught = err;
    }
    expect(isUniqueViolation(caught)).toBe(true);
    expect(isUniqueViolation(new Error('x'))).toBe(false);
    if (dialect === 'postgres') expect((caught as { code: string }).code).toBe('23505');
  });

  it('upserts with ON CONFLICT … excluded and counts rows that satisfy a condition', () => {
    const db = open(schema);
    const up = db.prepare(
      'INSERT INTO items (name, ts) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET ts = excluded.ts RETURNING ts',
    );
    expect(up.pluck().get('k', 1)).toBe(1);
    expect(up.pluck().get('k', 5)).toBe(5);
    db.prepare("INSERT INTO items (name, ts) VALUES ('j', 7) ON CONFLICT (name) DO NOTHING").run();
    expect(
      db
        .prepare(`SELECT ${countWhere('ts > 4')} AS big, ${countWhere('ts > 99')} AS none, count(*) AS n FROM items`)
        .get(),
    ).toEqual({ big: 2, none: 0, n: 2 });
  });

  it('reads JSON text with the dialect fragments', () => {
    const db = open(schema);
    const data = JSON.stringify({ a: { b: 'x', n: 3.5 }, list: [{ k: 'p' }, { k: 'q' }] });
    db.prepare('INSERT INTO items (name, ts, data) VALUES (?, 1, ?)').run('j', data);
    db.prepare("INSERT INTO items (name, ts, data) VALUES ('e', 2, '{}')").run();
    expect(
      db
        .prepare(`SELECT ${jsonText(db, 'data', 'a.b')} FROM items WHERE name = 'j'`)
        .pluck()
        .get(),
    ).toBe('x');
    expect(
      db
        .prepare(`SELECT ${jsonNumber(db, 'data', 'a.n')} FROM items WHERE name = 'j'`)
        .pluck()
        .get(),
    ).toBe(3.5);
    const ks = db
      .prepare(`SELECT ${jsonText(db, 'e.value', 'k')} FROM items, ${jsonEachValues(db, 'items.data', 'list', 'e')}`)
      .pluck()
      .all();
    expect(ks).toEqual(['p', 'q']);
  });

  it('applies each migration once, in its own transaction, and rolls back a failing one whole', () => {
    const db = open(schema);
    expect(migrate(db, [...schema, { id: 'c-002', sql: 'ALTER TABLE items ADD COLUMN extra TEXT' }])).toEqual([
      'c-002',
    ]);
    expect(migrate(db, schema)).toEqual([]);
    expect(() => migrate(db, [{ id: 'bad', sql: 'CREATE TABLE b (x TEXT); SELECT nope FROM missing' }])).toThrow(
      /missing/,
    );
    expect(db.prepare("SELECT count(*) FROM migrations WHERE id = 'bad'").pluck().get()).toBe(0);
    expect(() => db.prepare('SELECT * FROM b').all()).toThrow();
  });
});
