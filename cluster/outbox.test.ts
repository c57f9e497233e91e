import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../kernel/testing.ts';
import { FindingsOutbox } from './outbox.ts';
import { capturedLogger, hitPayload, testHit } from './testing.ts';

const payload = (id: string, seq: number): string =>
  hitPayload(testHit(id), { msgId: `video-1:b:${seq}`, seq }).toString();

describe('findings outbox', () => {
  it('keeps each finding on disk until acknowledged; a restart gets the leftovers in order', () => {
    const dir = path.join(tempDir('gw-outbox-'), 'findings');
    const { log } = capturedLogger();
    const a = new FindingsOutbox({ dir, max: 100, log });
    expect(a.open()).toEqual([]);
    const ids = [1, 2, 3, 4, 5].map((n) => a.add(`gw/cluster/hits/cam-1`, payload(`h${n}`, n)));
    expect(ids.every((id) => id !== undefined)).toBe(true);
    expect(a.size).toBe(5);
    expect(a.filesOnDisk()).toHaveLength(5);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]); // written via temp + rename
    a.ack(ids[1]!);
    a.ack(ids[3]!);
    a.ack(ids[3]!); // a second ack changes nothing
    expect(a.size).toBe(3);
    expect(a.counts).toMatchObject({ written: 5, acked: 2 });

    // the process dies here (nothing more happens to `a`); the next run finds 1, 3, 5 in their order
    const b = new FindingsOutbox({ dir, max: 100, log });
    const left = b.open();
    expect(left.map((e) => JSON.parse(e.payload).event.hit.id)).toEqual(['h1', 'h3', 'h5']);
    expect(left.map((e) => JSON.parse(e.payload).msgId)).toEqual(['video-1:b:1', 'video-1:b:3', 'video-1:b:5']);
    expect(left[0]!.topic).toBe('gw/cluster/hits/cam-1');
    expect(b.counts.recovered).toBe(3);
    // new findings are numbered after the leftovers, so a third run keeps the order
    const six = b.add('gw/cluster/hits/cam-1', payload('h6', 6));
    expect(six! > left[2]!.id).toBe(true);
    for (const e of left) b.ack(e.id);
    b.ack(six!);
    expect(b.size).toBe(0);
    expect(b.filesOnDisk()).toEqual([]);
    expect(new FindingsOutbox({ dir, max: 100, log }).open()).toEqual([]);
  });

  it('moves damaged files aside with a log line and keeps the good ones', () => {
    const dir = path.join(tempDir('gw-outbox-'), 'findings');
    const cap = capturedLogger();
    const a = new FindingsOutbox({ dir, max: 100, log: cap.log });
    a.open();
    const first = a.add('t/hits/cam-1', payload('ok1', 1))!;
    const second = a.add('t/hits/cam-1', payload('bad', 2))!;
    const third = a.add('t/hits/cam-1', payload('notfinding', 3))!;
    const fourth = a.add('t/hits/cam-1', payload('ok2', 4))!;
    writeFileSync(path.join(dir, second), '{"topic":"t/hits/cam-1","payload":"{\\"kind\\":'); // cut short
    writeFileSync(path.join(dir, third), JSON.stringify({ topic: 't', payload: '{"kind":"hit"}' }));
    writeFileSync(path.join(dir, '.000000000009.json.tmp'), '{"top'); // a write cut short before its rename
    const b = new FindingsOutbox({ dir, max: 100, log: cap.log });
    const left = b.open();
    expect(left.map((e) => e.id)).toEqual([first, fourth]);
    expect(b.counts.damaged).toBe(3);
    const aside = readdirSync(path.join(dir, 'damaged'));
    expect(aside).toHaveLength(3);
    expect(aside.some((f) => f.endsWith(second)) && aside.some((f) => f.endsWith(third))).toBe(true);
    expect(existsSync(path.join(dir, second))).toBe(false);
    const errors = cap.lines().filter((l) => l.msg === 'damaged file in the findings outbox moved to damaged/');
    expect(errors.map((l) => l.file).sort()).toEqual(['.000000000009.json.tmp', second, third].sort());
    expect(String(errors.find((l) => l.file === third)?.reason)).toMatch(/not a finding/);
    // numbering goes on after the highest finding seen
    expect(b.add('t/hits/cam-1', payload('next', 5))! > fourth).toBe(true);
  });

  it('when full keeps what it has, refuses new findings (counted, logged) and takes them again once drained', () => {
    const dir = path.join(tempDir('gw-outbox-'), 'findings');
    const cap = capturedLogger();
    const o = new FindingsOutbox({ dir, max: 3, log: cap.log });
    o.open();
    const ids = [1, 2, 3].map((n) => o.add('t/hits/cam-1', payload(`h${n}`, n))!);
    expect(o.full).toBe(true);
    expect(o.add('t/hits/cam-1', payload('h4', 4))).toBeUndefined();
    expect(o.add('t/hits/cam-1', payload('h5', 5))).toBeUndefined();
    expect(o.counts.overflow).toBe(2);
    expect(o.filesOnDisk()).toEqual(ids); // the oldest are kept
    expect(cap.lines().filter((l) => String(l.msg).startsWith('findings outbox full'))).toHaveLength(1);
    o.ack(ids[0]!);
    expect(o.add('t/hits/cam-1', payload('h6', 6))).toBeDefined();
    const kept = o.filesOnDisk().map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')).payload);
    expect(kept.map((p: string) => JSON.parse(p).event.hit.id)).toEqual(['h2', 'h3', 'h6']);
  });

  it('a disk that refuses the write is counted and logged, never thrown', () => {
    const base = tempDir('gw-outbox-');
    const dir = path.join(base, 'findings');
    const cap = capturedLogger();
    const o = new FindingsOutbox({ dir, max: 10, log: cap.log });
    o.open();
    writeFileSync(path.join(base, 'x'), '');
    // the folder replaced by a file: every write fails
    const broken = new FindingsOutbox({ dir: path.join(base, 'x'), max: 10, log: cap.log });
    expect(broken.add('t/hits/cam-1', payload('h1', 1))).toBeUndefined();
    expect(broken.counts.writeErrors).toBe(1);
    expect(cap.lines().some((l) => String(l.msg).startsWith('finding could not be written'))).toBe(true);
  });
});
