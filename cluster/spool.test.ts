import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EvidenceStore } from '../kernel/evidence.ts';
import { silentLogger } from '../kernel/log.ts';
import { tempDir, waitFor } from '../kernel/testing.ts';
import { clusterRoutes } from './routes.ts';
import { EvidenceSpool } from './spool.ts';
import { capturedLogger } from './testing.ts';
import { NodeTokens } from './tokens.ts';
import type { ClusterView } from './view.ts';

const TOKEN = 'node-token-0123456789';
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const spools: EvidenceSpool[] = [];
afterEach(async () => {
  await Promise.all(spools.map((s) => s.stop()));
  spools.length = 0;
});

function core(log = silentLogger()) {
  const evidence = new EvidenceStore(tempDir('gw-core-ev-'));
  const app = clusterRoutes({
    tokens: new NodeTokens([TOKEN, 'another-token-0123456789']),
    evidence,
    view: () => ({}) as ClusterView,
    log,
    trustProxy: false,
    now: () => 1,
  });
  let up = false;
  const fetcher = (async (url: string | URL | Request, init?: RequestInit) => {
    if (!up) throw new Error('connect ECONNREFUSED');
    return app.fetch(new Request(url, init));
  }) as typeof fetch;
  return { evidence, app, fetcher, setUp: (v: boolean) => (up = v) };
}

async function node(fetcher: typeof fetch, token = TOKEN) {
  const store = new EvidenceStore(tempDir('gw-node-ev-'));
  const dir = path.join(tempDir('gw-node-'), 'spool');
  const make = () => {
    const s = new EvidenceSpool({
      dir,
      store,
      coreUrl: 'http://core',
      token,
      nodeId: 'video-1',
      log: silentLogger(),
      retryMaxMs: 100,
      fetch: fetcher,
    });
    spools.push(s);
    return s;
  };
  return { store, dir, make };
}

describe('the evidence spool', () => {
  it('keeps files while the core is down, across a restart of the node, and uploads each once it is back', async () => {
    const c = core();
    const n = await node(c.fetcher);
    const files = [Buffer.from('jpeg one'), Buffer.from('jpeg two'), Buffer.from('a clip')];
    const evs = [
      await n.store.put(files[0]!, 'annotated', 'image/jpeg', 1),
      await n.store.put(files[1]!, 'snapshot', 'image/jpeg', 1),
      await n.store.put(files[2]!, 'clip', 'video/mp4', 1),
    ];
    let spool = n.make();
    await spool.start();
    spool.add(evs);
    spool.add(evs); // twice: still one entry each
    expect(spool.pending()).toBe(3);
    await new Promise((r) => setTimeout(r, 300)); // a few failed rounds
    expect(spool.pending()).toBe(3);
    expect(spool.health().state).toBe('degraded');
    await spool.stop();
    spool = n.make(); // the node restarts: the folder is the queue
    await spool.start();
    c.setUp(true);
    await waitFor(() => spool.pending() === 0, 10_000);
    for (const [i, e] of evs.entries()) {
      const got = await c.evidence.find(e.sha256);
      expect(got?.mime).toBe(e.mime);
      expect(sha(readFileSync(got!.file))).toBe(sha(files[i]!));
    }
  });

  it('a node with a wrong token is refused (401) and logged with its id and address; its files stay', async () => {
    const cap = capturedLogger();
    const c = core(cap.log);
    c.setUp(true);
    const n = await node(c.fetcher, 'wrong-token-0123456789');
    const spool = n.make();
    await spool.start();
    spool.add([await n.store.put(Buffer.from('x'), 'snapshot', 'image/jpeg', 1)]);
    await waitFor(() => cap.lines().some((l) => l.msg === 'cluster node refused: wrong or missing token'));
    const line = cap.lines().find((l) => l.msg === 'cluster node refused: wrong or missing token')!;
    expect(line).toMatchObject({ node: 'video-1', ip: 'unknown' });
    expect(spool.pending()).toBe(1);
    expect(spool.health().detail).toMatch(/401/);
  });
});

describe('PUT /api/cluster/evidence/:sha256', () => {
  const put = (app: ReturnType<typeof core>['app'], hash: string, body: Buffer, token = TOKEN, type = 'image/jpeg') =>
    app.fetch(
      new Request(`http://core/api/cluster/evidence/${hash}`, {
        method: 'PUT',
        body,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
      }),
    );

  it('stores a file whose body matches its hash, idempotently; refuses a mismatch, a bad type, no token', async () => {
    const { app, evidence } = core();
    const body = Buffer.from('evidence bytes');
    expect((await put(app, sha(body), body)).status).toBe(201);
    expect((await put(app, sha(body), body)).status).toBe(200);
    expect(await evidence.find(sha(body))).toBeDefined();
    const other = Buffer.from('something else');
    expect((await put(app, sha(body), other)).status).toBe(400);
    expect((await put(app, sha(other), other, TOKEN, 'text/html')).status).toBe(415);
    expect((await put(app, sha(other), other, '')).status).toBe(401);
    expect((await put(app, 'nothex', other)).status).toBe(400);
    expect(await evidence.find(sha(other))).toBeUndefined();
  });
});
