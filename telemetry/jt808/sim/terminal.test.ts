/** The simulated terminal against the real server: register, authenticate, 0x0200 and 0x0704, resend after a drop. */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../kernel/testing.ts';
import { sampleLocation } from '../testing.ts';
import { type Harness, startJt808 } from '../testing-server.ts';
import { SimTerminal } from './terminal.ts';

const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
const fixes = (n: number) =>
  Array.from({ length: n }, (_, i) => sampleLocation({ ts: T0 + i * 1000, lat: (40_700_000 + i * 10) / 1e6 }));
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe.each([
  [2013, 1],
  [2019, 7],
] as const)('simulated terminal, %i edition, batch %i', (edition, batch) => {
  it('registers, authenticates and has every report stored and acknowledged', async () => {
    h = await startJt808({ terminals: [{ phone: '013912345678', vehicle: 'S-4' }] });
    const t = new SimTerminal({ host: '127.0.0.1', port: h.server.port, phone: '013912345678', edition, batch });
    await t.start();
    t.send(fixes(100));
    await t.idle();
    expect(t.stats).toMatchObject({ registrations: 1, authentications: 1, delivered: 100, refused: 0 });
    const stored = await h.svc.track('S-4', T0 - 1, T0 + 200_000);
    expect(stored.map((p) => p.ts)).toEqual(fixes(100).map((f) => f.ts));
    await t.stop();
    await waitFor(() => !h!.svc.status.get('S-4').online);
  });
});

describe('simulated terminal across a server restart', () => {
  it('reconnects, re-authenticates with its saved code and resends what was not acknowledged', async () => {
    h = await startJt808({ terminals: [{ phone: '013912345678', vehicle: 'S-4', authCode: 'S4-CODE-OK' }] });
    const port = h.server.port;
    const t = new SimTerminal({ host: '127.0.0.1', port, phone: '013912345678', edition: 2013, reconnectMs: 50 });
    await t.start();
    t.send(fixes(50));
    await t.idle();
    await h.server.stop(); // every connection dropped
    t.send(fixes(80).slice(50));
    await new Promise((r) => setTimeout(r, 200));
    const { Jt808Server } = await import('../server.ts');
    const again = new Jt808Server(h.ctx, { ...h.ctx.config.jt808!, port }, h.svc);
    await again.start();
    await t.idle();
    expect(t.stats.authentications).toBe(2);
    expect(t.stats.registrations).toBe(1); // the code saved at the first login is reused
    expect(t.stats.delivered).toBe(80);
    expect((await h.svc.track('S-4', T0 - 1, T0 + 200_000)).length).toBe(80);
    await t.stop();
    await again.stop();
  });
});
