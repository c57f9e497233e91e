/**
 * 集群 in Debian's chromium (zh-CN): a core node (the demo city, role core, real mosquitto) with a video and a
 * telemetry node checking in (their bridge publishers: heartbeats, hits); a hit from a node holding no lease of its
 * camera and one malformed finding are dropped. The admin's
 * 集群 tab lists the nodes with their roles, holdings and figures; screenshot test-output/dashboard/cluster-zh.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.ts';
import { ClusterTopics } from '../../cluster/messages.ts';
import { FindingsOutbox } from '../../cluster/outbox.ts';
import { ClusterPublisher } from '../../cluster/publisher.ts';
import { testHit } from '../../cluster/testing.ts';
import { EventBus } from '../../kernel/bus.ts';
import { clusterSchema, nodeSchema } from '../../kernel/config/cluster.ts';
import { mqttSchema } from '../../kernel/config/mqtt.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir, waitFor } from '../../kernel/testing.ts';
import { hasMosquitto, Mosquitto } from '../../telemetry/testing/mosquitto.ts';
import { ensureWebBuild } from '../web-build.ts';
import { launchBrowser, logIn, newPage, shot, waitOrExplain } from './browser.ts';
import { DEMO_PASSWORDS, startDemoApp } from './demo-app.ts';

const log = silentLogger();

describe.skipIf(!hasMosquitto)('集群 (admin, a core node)', () => {
  let mosq: Mosquitto;
  let app: App;
  let browser: Browser;
  const nodes: ClusterPublisher[] = [];

  beforeAll(async () => {
    await ensureWebBuild();
    mosq = await Mosquitto.start();
    app = await startDemoApp((c) => ({
      ...c,
      node: nodeSchema.parse({ id: 'core-1', role: 'core' }),
      mqtt: mqttSchema.parse({ mode: 'url', url: mosq.url, clientId: 'gw' }),
      cluster: clusterSchema.parse({ tokens: ['t'.repeat(24)] }),
    }));
    const topics = new ClusterTopics('gridwatch');
    for (const [id, role] of [
      ['video-1', 'video'],
      ['telemetry-1', 'telemetry'],
    ] as const) {
      const p = new ClusterPublisher({
        url: mosq.url,
        clientId: `gridwatch-node-${id}`,
        sessionExpirySeconds: 600,
        nodeId: id,
        role,
        version: '1.0.0',
        startedAt: Date.now() - 3_600_000,
        topics,
        bus: new EventBus(log),
        log,
        heartbeatMs: 1000,
        outbox: new FindingsOutbox({ dir: tempDir('gw-outbox-'), max: 1000, log }),
        ...(role === 'video'
          ? { cameras: { held: () => ['cam-cart', 'cam-bags'], generationOf: () => 1 } }
          : { vehicles: () => ['S-4', 'S-12', 'P-1'] }),
      });
      await p.start();
      nodes.push(p);
    }
    nodes[0]!.onHit({ phase: 'start', hit: { ...testHit('cluster-shot-1', 'cam-cart'), zoneId: 'cart-sidewalk' } });
    const raw = await (await import('mqtt')).connectAsync(mosq.url);
    await raw.publishAsync(topics.hit('cam-cart'), '{"kind":"hit"}', { qos: 1 });
    await raw.endAsync();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const n of nodes) await n.stop();
    await app?.stop();
    await mosq?.stop('SIGKILL');
  });

  it('lists the nodes with roles, holdings and the bridge figures', async () => {
    await waitFor(async () => {
      const res = await fetch(`${app.url()}/api/health`);
      const h = (await res.json()) as { components: Record<string, { detail?: string }> };
      return /2 of 2 nodes online/.test(h.components.cluster?.detail ?? '');
    }, 20_000);
    const { page, errors } = await newPage(browser, 'zh-CN');
    await logIn(page, app.url(), 'admin', DEMO_PASSWORDS.admin);
    await page.goto(`${app.url()}/#/admin/cluster`);
    await waitOrExplain(page, '[data-node="video-1"]', 'cluster');
    await page
      .locator('[data-figure="dropped"]', { hasText: '非租约持有节点 1、租约代次过期 0、格式错误 1' })
      .waitFor();
    const video = await page.locator('[data-node="video-1"]').textContent();
    expect(video).toContain('视频');
    expect(video).toContain('cam-cart、cam-bags');
    expect(await page.locator('[data-node="telemetry-1"]').textContent()).toContain('S-4、S-12、P-1');
    expect(await page.locator('[data-node="core-1"]').textContent()).toContain('核心');
    expect(await page.locator('.admin-tabs a[data-tab=cluster]').textContent()).toBe('集群');
    await shot(page, 'cluster-zh');
    expect(errors).toEqual([]);
  }, 60_000);
});
