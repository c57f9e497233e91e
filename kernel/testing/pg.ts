/**
 * A real PostgreSQL server for tests (Debian's `postgresql` package): initdb in a temp dir, a free port on
 * 127.0.0.1, fsync off; run as the `postgres` user when the tests run as root. One server per test file
 * (beforeAll), a fresh database per test (`createDatabase()`).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PgDb } from '../db/postgres.ts';
export { freePort } from './ports.ts';
import { freePort } from './ports.ts';

const ROOT = '/usr/lib/postgresql';

/** The bin folder of the newest PostgreSQL installed, or why there is none. */
export function postgresBinaries(): { bin: string } | { missing: string } {
  const versions = existsSync(ROOT)
    ? readdirSync(ROOT)
        .filter((v) => existsSync(path.join(ROOT, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) return { missing: `no PostgreSQL in ${ROOT}/*/bin (apt-get install postgresql)` };
  const bin = path.join(ROOT, versions[0] as string, 'bin');
  if (process.getuid?.() === 0 && runAs() === undefined) return { missing: 'running as root without a postgres user' };
  return { bin };
}

/** Why PostgreSQL tests are skipped here, or undefined when they can run. */
export function postgresMissing(): string | undefined {
  const b = postgresBinaries();
  return 'missing' in b ? b.missing : undefined;
}

/** uid/gid of the postgres user (the server refuses to run as root). */
function runAs(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * `sh -c WATCHDOG gw-pg POSTGRES ARGS…`: runs the server; one line on stdin (a signal name) is sent to it; end of
 * stdin (our process gone) stops it at once and removes $GW_PG_DIR. The shell exits when the server does.
 */
const WATCHDOG = `exec 3<&0
"$@" <&- &
pid=$!
( if read -r sig <&3; then kill -"$sig" "$pid" 2>/dev/null
  else kill -QUIT "$pid" 2>/dev/null; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; rm -rf "$GW_PG_DIR"; fi ) &
reader=$!
wait "$pid"
code=$?
kill "$reader" 2>/dev/null
exit "$code"`;

export interface TestPostgres {
  /** The server's admin URL (database `postgres`, user `postgres`, no password: trust on 127.0.0.1). */
  readonly url: string;
  readonly port: number;
  /** A new empty database; its URL. */
  createDatabase(): string;
  /** Stop the server (default SIGQUIT: immediate, as a crash), keeping its data: a database that goes away. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start it again on the same port and data dir (after kill). */
  restart(): Promise<void>;
  /** Stop the server and remove its files. */
  stop(): Promise<void>;
}

/** Servers and folders still there when the process exits are killed and removed (one hook per process). */
interface Leftovers {
  readonly running: Set<ChildProcess>;
  readonly dirs: Set<string>;
}
const KEY = Symbol.for('gridwatch.testPostgres');
const holder = globalThis as { [KEY]?: Leftovers };
function leftovers(): Leftovers {
  const known = holder[KEY];
  if (known) return known;
  const left: Leftovers = { running: new Set(), dirs: new Set() };
  process.on('exit', () => {
    for (const p of left.running) p.stdin?.destroy(); // the watchdog stops the server and removes its folder
    for (const d of left.dirs) rmSync(d, { recursive: true, force: true });
  });
  holder[KEY] = left;
  return left;
}
const { running, dirs } = leftovers();

let dbSeq = 0;

export async function startTestPostgres(): Promise<TestPostgres> {
  const bins = postgresBinaries();
  if ('missing' in bins) throw new Error(bins.missing);
  const user = process.getuid?.() === 0 ? runAs() : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-pg-'));
  dirs.add(dir);
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  execFileSync(
    path.join(bins.bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
    { ...as, stdio: 'pipe' },
  );
  const port = await freePort();
  let proc: ChildProcess | undefined;
  let log = '';
  const launch = async (): Promise<void> => {
    log = '';
    const args = ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
    args.push('-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off', '-c', 'full_page_writes=off');
    // Through a watchdog shell holding our stdin: when this process dies (a test runner killed, a crash) the pipe
    // closes and the shell stops the server and removes its folder, so no server outlives its test file.
    const p = spawn('sh', ['-c', WATCHDOG, 'gw-pg', path.join(bins.bin, 'postgres'), ...args], {
      ...as,
      env: { ...process.env, GW_PG_DIR: dir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    proc = p;
    running.add(p);
    p.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    p.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    p.on('exit', () => running.delete(p));
    const deadline = Date.now() + 30_000;
    while (!/ready to accept connections/.test(log)) {
      if (p.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await launch();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let admin: PgDb | undefined;
  const kill = async (signal: NodeJS.Signals = 'SIGQUIT'): Promise<void> => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.stdin?.end(`${signal.replace(/^SIG/, '')}\n`);
    await gone;
    admin?.close();
    admin = undefined;
  };
  return {
    url,
    port,
    createDatabase(): string {
      admin ??= PgDb.connect(url);
      dbSeq += 1;
      const name = `t_${process.pid}_${dbSeq}`;
      admin.exec(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    kill,
    restart: launch,
    async stop(): Promise<void> {
      await kill('SIGINT');
      rmSync(dir, { recursive: true, force: true });
      dirs.delete(dir);
    },
  };
}
