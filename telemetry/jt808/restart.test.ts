/**
 * gridwatch killed -9 mid-stream while three JT/T 808 terminals report (the CLI as a child process on a temp config):
 * the terminals reconnect and re-authenticate with the codes they saved (the key lives in the data dir), resend what
 * was not acknowledged, and every report acknowledged by 0x8001 is stored exactly once — acknowledgements are sent
 * only once the fix is committed.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { openDatabase } from '../../kernel/db.ts';
import { exited, repoRoot, startGridwatch, tempDir, waitFor } from '../../kernel/testing.ts';
import { freePort } from '../testing/ports.ts';
import { SimTerminal } from './sim/terminal.ts';
import { sampleLocation } from './testing.ts';

const PER_TERMINAL = 1200;
const TERMINALS = [
  { phone: '013900000004', vehicle: 'S-4', edition: 2013 },
  { phone: '00000000013900000012', vehicle: 'S-12', edition: 2019 },
  { phone: '013900000001', vehicle: 'P-1', edition: 2013, batch: 4 },
] as const;

describe('JT/T 808: gridwatch killed -9 mid-stream and restarted', () => {
  const dir = tempDir('gw-jt-kill-');
  let child: ChildProcess | undefined;
  const terms: SimTerminal[] = [];
  afterAll(async () => {
    await Promise.all(terms.map((t) => t.stop(false)));
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  });

  it('re-authenticates the terminals and stores every acknowledged report exactly once', async () => {
    const port = await freePort();
    const config = path.join(dir, 'gridwatch.yaml');
    writeFileSync(
      config,
      stringify({
        dataDir: path.join(dir, 'data'),
        log: { level: 'warn' },
        server: { host: '127.0.0.1', port: 0 },
        mqtt: { mode: 'embedded', host: '127.0.0.1', port: await freePort() },
        media: { enabled: false },
        models: { dir: path.join(repoRoot, 'models') },
        vehicles: TERMINALS.map((t) => ({ id: t.vehicle, type: 'sweeper' })),
        jt808: { port, terminals: TERMINALS.map(({ phone, vehicle }) => ({ phone, vehicle })) },
      }),
    );
    child = await startGridwatch(config);
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
    const fixes = Array.from({ length: PER_TERMINAL }, (_, i) =>
      sampleLocation({ ts: t0 + i * 1000, lat: (40_700_000 + i * 10) / 1e6, extras: {} }),
    );
    for (const t of TERMINALS) {
      const term = new SimTerminal({
        host: '127.0.0.1',
        port,
        phone: t.phone,
        edition: t.edition,
        window: 64,
        reconnectMs: 100,
        ...('batch' in t ? { batch: t.batch } : {}),
      });
      await term.start();
      terms.push(term);
    }
    const feeding = (async () => {
      for (let i = 0; i < PER_TERMINAL; i += 10) {
        for (const term of terms) term.send(fixes.slice(i, i + 10));
        await new Promise((r) => setTimeout(r, 25)); // ~400 fixes/s per terminal, so the kill lands mid-stream
      }
    })();
    await waitFor(() => terms.every((t) => t.stats.delivered >= PER_TERMINAL / 3), 60_000, 5);
    const deliveredAtKill = terms.map((t) => t.stats.delivered);
    child.kill('SIGKILL');
    await exited(child);
    expect(deliveredAtKill.every((d) => d < PER_TERMINAL)).toBe(true); // killed mid-stream
    child = await startGridwatch(config);
    await feeding;
    await Promise.all(terms.map((t) => t.idle()));
    await Promise.all(terms.map((t) => t.stop()));
    child.kill('SIGTERM');
    await exited(child);
    expect(child.exitCode).toBe(0);

    const db = openDatabase(path.join(dir, 'data', 'positions.db'));
    try {
      for (const [i, t] of TERMINALS.entries()) {
        const term = terms[i]!;
        expect(term.stats.authentications).toBeGreaterThanOrEqual(2); // re-authenticated after the restart
        expect(term.stats.registrations).toBe(1); // with the code it saved: the key survived in the data dir
        const acked = term.acked.map((l) => l.ts);
        expect(new Set(acked).size).toBe(acked.length);
        expect(acked.length).toBe(PER_TERMINAL);
        const rows = db.prepare('SELECT ts, late FROM positions WHERE vehicle_id = ? ORDER BY ts').all(t.vehicle) as {
          ts: number;
          late: number;
        }[];
        expect(rows.map((r) => r.ts)).toEqual(fixes.map((f) => f.ts)); // each acknowledged report, exactly once
        expect(rows.filter((r) => r.late === 1)).toEqual([]);
      }
    } finally {
      db.close();
    }
  }, 180_000);
});
