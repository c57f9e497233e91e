import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.ts';
import { tempDir, waitFor } from '../../kernel/testing.ts';
import { fixtureConfig, hit, startCases, type Harness, useBackend } from '../fixture.ts';
import { outboxStats } from '../outbox.ts';
import { type Robots, startRobots } from './robots.ts';
import { describeBackends } from '../../kernel/testing/backends.ts';

const DING_SECRET = 'SEC0123456789abcdef0123456789abcdef';
let h: Harness | undefined;
let robots: Robots | undefined;
afterEach(async () => {
  await h?.stop();
  await robots?.close();
  h = robots = undefined;
});

/** The squad's own WeCom group, and its leadership group (领导群) on DingTalk. */
const config = (r: Robots) => ({
  notify: {
    checkSeconds: 3600,
    channels: [
      { id: 'squad-wecom', kind: 'wecom', url: r.url('wecom'), units: ['squad'], retryBaseSeconds: 0.05 },
      {
        id: 'squad-leaders',
        kind: 'dingtalk',
        url: r.url('dingtalk'),
        secret: DING_SECRET,
        units: ['squad'],
        leaders: true,
        retryBaseSeconds: 0.05,
      },
    ],
  },
});

const texts = (r: Robots, robot: 'wecom' | 'dingtalk') =>
  r.got
    .filter((m) => m.robot === robot)
    .map((m) => {
      const b = m.body as { markdown?: { content?: string; text?: string } };
      return b.markdown?.content ?? b.markdown?.text ?? '';
    });

describeBackends('催办 and 督办 notices', (_open, ctx) => {
  useBackend(ctx);

  it("催办 reaches the unit's robot once; 督办 reaches the unit and its leadership group", async () => {
    robots = await startRobots(DING_SECRET);
    h = await startCases(tempDir('gw-urge-'), systemClock, { cases: config(robots) }, { webhookPollMs: 20 });
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') }); // 05-04 → squad, auto registered and dispatched
    const settled = (wecom: number, ding: number) => async () =>
      waitFor(
        () =>
          outboxStats(h!.store.db).pending === 0 &&
          texts(robots!, 'wecom').length === wecom &&
          texts(robots!, 'dingtalk').length === ding,
        15_000,
      );
    await settled(1, 0)(); // the dispatch: the leaders' group is not told
    const svc = h.module.service;
    const id = svc.repo.stmt('SELECT id FROM cases').pluck().get() as string;

    expect(svc.act(id, { action: 'urge', reason: '群众再次来电' }, { id: 'op', role: 'operator' }).ok).toBe(true);
    await settled(2, 0)();
    const urged = texts(robots, 'wecom')[1]!;
    expect(urged).toContain('**催办通知**');
    expect(urged).toContain(`> 案件编号：${id}`);
    expect(urged).toContain('> 说明：群众再次来电');

    const out = svc.act(id, { action: 'escalate', reason: '超期未处置' }, { id: 'root', role: 'admin' });
    expect(out).toMatchObject({ ok: true, case: { supervised: { by: 'root', reason: '超期未处置' } } });
    await settled(3, 1)();
    expect(texts(robots, 'wecom')[2]).toContain('**督办通知**');
    const lead = robots.got.find((m) => m.robot === 'dingtalk')!.body;
    expect(lead).toMatchObject({ msgtype: 'markdown', markdown: { title: '督办通知' } });
    expect(texts(robots, 'dingtalk')[0]).toContain('- 说明：超期未处置');
    expect(robots.malformed).toEqual([]);
    // both are on the timeline; the status never changed
    const tl = svc.timeline(id).filter((e) => e.action === 'urge' || e.action === 'escalate');
    expect(tl.map((e) => [e.action, e.actor, e.from, e.to])).toEqual([
      ['urge', 'op', 'dispatched', 'dispatched'],
      ['escalate', 'root', 'dispatched', 'dispatched'],
    ]);
    // each notice was written once: dispatch, urge, escalate for the squad; escalate alone for its leaders
    const rows = svc.repo.stmt('SELECT target, count(*) AS n FROM webhook_outbox GROUP BY target ORDER BY target');
    expect(rows.all()).toEqual([
      { target: 'squad-leaders', n: 1 },
      { target: 'squad-wecom', n: 3 },
    ]);
  });
});

describe('leaders channel config', () => {
  it('refuses a leadership channel that does not take escalated notices, naming the field', () => {
    const notify = {
      channels: [{ id: 'lead', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/x', leaders: true, events: ['urged'] }],
    };
    expect(() => fixtureConfig(tempDir('gw-urge-'), { cases: { notify } })).toThrow(
      /cases\.notify\.channels\[0\]\.events: a leaders channel hears only escalated notices/,
    );
  });
});
