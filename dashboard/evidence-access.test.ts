/**
 * Evidence access through the running app (guard, mounting, the cases module's unit query): a handler of unit
 * "squad" gets the evidence of squad's cases and not of sanitation's, in both URL forms; an operator gets both;
 * nobody anonymous gets anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { CasesModule } from '../cases/module.ts';
import { SYSTEM } from '../cases/service.ts';
import { EvidenceStore } from '../kernel/evidence.ts';
import type { Evidence } from '../kernel/types/index.ts';
import { clientFor, login, startDashboardApp } from './testing.ts';

let app: App;
let squadPhoto: Evidence;
let sanitationTrack: Evidence;

beforeAll(async () => {
  app = await startDashboardApp();
  const store = EvidenceStore.inDataDir(app.ctx.dataDir);
  squadPhoto = await store.put(Buffer.from('stall on the pavement'), 'photo', 'image/jpeg', 1);
  sanitationTrack = store.putSync(Buffer.from('{"type":"Feature"}'), 'track', 'application/geo+json', 1);
  const cases = app.components.find((c): c is CasesModule => c instanceof CasesModule)!;
  // 05-04 is routed to unit "squad", 01-02 to "sanitation" (dashboard/testing.ts).
  cases.service.create(
    { source: 'inspector', category: '05-04', description: 'stall', evidence: [squadPhoto] },
    SYSTEM,
  );
  cases.service.create(
    { source: 'inspector', category: '01-02', description: 'garbage', evidence: [sanitationTrack] },
    SYSTEM,
  );
});
afterAll(async () => app?.stop());

const urls = (e: Evidence): string[] => [`/api/evidence/${e.sha256}`, `/api/evidence/${e.path}`];

describe('evidence by unit', () => {
  it("a handler gets their own unit's evidence (200) and not another unit's (404)", async () => {
    const handler = await login(app.url(), 'handler');
    for (const url of urls(squadPhoto)) {
      const res = await handler.fetch(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      expect(await res.text()).toBe('stall on the pavement');
    }
    for (const url of urls(sanitationTrack)) {
      const res = await handler.fetch(url);
      expect({ url, status: res.status, error: ((await res.json()) as { error: string }).error }).toEqual({
        url,
        status: 404,
        error: 'not_found',
      });
    }
  });

  it('an operator gets both, and an anonymous request gets 401', async () => {
    const operator = await login(app.url(), 'operator');
    const anon = clientFor(app.url());
    for (const url of [...urls(squadPhoto), ...urls(sanitationTrack)]) {
      const res = await operator.fetch(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      await res.body?.cancel();
      expect({ url, status: (await anon.fetch(url)).status }).toEqual({ url, status: 401 });
    }
  });
});
