/**
 * Child process of the lease race test (leases-race.test.ts): one "node" hammering the same leases as the others
 * for DURATION_MS with short leases (taking, renewing, releasing now and then), printing every hold it got as a JSON
 * line `{name, node, generation, from, to}` ([from, to) = the lease as the database granted it).
 * Run: node --import tsx kernel/cluster/race-child.ts DB NODE DURATION_MS  (DB: a SQLite file or postgres:// URL)
 */
import { openDatabase, openPostgres } from '../db.ts';
import { LeaseStore } from './leases.ts';
import { clusterMigrations } from './migrations.ts';

const [target, node, durationArg] = process.argv.slice(2);
const duration = Number(durationArg);
if (!target || !node || !(duration > 0)) {
  process.stderr.write('usage: race-child.ts DB NODE DURATION_MS\n');
  process.exit(2);
}
const db = /^postgres(ql)?:\/\//.test(target)
  ? openPostgres(target, clusterMigrations)
  : openDatabase(target, clusterMigrations);
/** The clock the store reads, remembering the exact time each statement used. */
const clock = {
  last: 0,
  now(): number {
    this.last = Date.now();
    return this.last;
  },
};
const leases = new LeaseStore(db, clock);
const names = ['camera:a', 'camera:b', 'camera:c', 'leader:core'];
const out: string[] = [];
const end = Date.now() + duration;
let i = 0;
while (Date.now() < end) {
  const name = names[i++ % names.length]!;
  const ttl = 5 + (i % 4) * 5;
  const got = leases.tryAcquire(name, node, ttl);
  if (got) out.push(JSON.stringify({ name, node, generation: got.generation, from: clock.last, to: got.expiresAt }));
  if (got && i % 11 === 0 && leases.release(name, node)) out.push(JSON.stringify({ name, node, released: clock.last }));
}
db.close();
process.stdout.write(`${out.join('\n')}\n`);
