import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../kernel/clock.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir, waitFor } from '../../kernel/testing.ts';
import { fixtureConfig, hit, startCases, type Harness, useBackend } from '../fixture.ts';
import { outboxStats } from '../outbox.ts';
import { DeadlineWatch } from './deadline-watch.ts';
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

const channels = (r: Robots) => ({
  notify: {
    checkSeconds: 3600,
    channels: [
      {
        id: 'squad-wecom',
        kind: 'wecom',
        url: r.url('wecom'),
        units: ['squad'],
        mentionMobiles: ['13800138000'],
        retryBaseSeconds: 0.05,
      },
      { id: 'centre-ding', kind: 'dingtalk', url: r.url('dingtalk'), secret: DING_SECRET, retryBaseSeconds: 0.05 },
    ],
  },
});
const opts = { webhookPollMs: 20 };

const texts = (r: Robots, robot: 'wecom' | 'dingtalk') =>
  r.got
    .filter((m) => m.robot === robot)
    .map((m) => {
      const b = m.body as { markdown?: { content?: string; text?: string }; text?: { content: string } };
      return b.markdown?.content ?? b.markdown?.text ?? b.text?.content ?? '';
    });

describeBackends('notices to 企业微信 and 钉钉 robots', (_open, ctx) => {
  useBackend(ctx);

  it('a dispatched case reaches its unit and the centre in the documented formats, signed, once', async () => {
    robots = await startRobots(DING_SECRET);
    robots.failNext('wecom', 2, 45009); // over 20 messages a minute, twice
    h = await startCases(tempDir('gw-notify-'), systemClock, { cases: channels(robots) }, opts);
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') }); // 05-04 → squad, auto registered and dispatched
    await waitFor(() => outboxStats(h!.store.db).pending === 0 && robots!.got.length === 3, 15_000);
    expect(robots.malformed).toEqual([]);
    expect(robots.attempts.wecom).toBe(4); // 2 refused, then the markdown and the @ text
    const wecom = texts(robots, 'wecom');
    expect(wecom).toHaveLength(2);
    const caseId = h.module.service.repo.stmt('SELECT id FROM cases').pluck().get() as string;
    expect(wecom[0]).toContain('**新派遣案件**');
    expect(wecom[0]).toContain(`> 案件编号：${caseId}`);
    expect(wecom[0]).toContain('> 类别：05-04 店外经营');
    expect(wecom[0]).toContain('> 责任单位：城管执法中队');
    expect(wecom[0]).toMatch(/> 处置时限：\d{1,2}月\d{1,2}日 \d\d:\d\d/);
    expect(wecom[0]).toMatch(/> 地点：网格 /);
    const mention = robots.got.find((m) => m.robot === 'wecom' && m.body.msgtype === 'text')?.body as {
      text: { mentioned_mobile_list: string[] };
    };
    expect(mention.text.mentioned_mobile_list).toEqual(['13800138000']);
    const ding = robots.got.filter((m) => m.robot === 'dingtalk');
    expect(ding).toHaveLength(1);
    expect(ding[0]?.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '新派遣案件' } });
    // Never the evidence itself.
    for (const m of robots.got) expect(JSON.stringify(m.body)).not.toMatch(/hits\/h1|sha-h1/);
  });

  it('a case ended as a false alarm after dispatch (作废) is pushed to its unit with the reason', async () => {
    robots = await startRobots(DING_SECRET);
    h = await startCases(tempDir('gw-notify-'), systemClock, { cases: channels(robots) }, opts);
    h.bus.emit('hit', { phase: 'start', hit: hit('h1') });
    await waitFor(() => outboxStats(h!.store.db).pending === 0 && robots!.got.length === 3, 15_000);
    const op = { id: 'op', role: 'operator' as const };
    expect(h.module.verdicts.judgeHit('h1', { verdict: 'false', reason: 'wrong-object', note: '垃圾桶' }, op).ok).toBe(
      true,
    );
    await waitFor(() => outboxStats(h!.store.db).pending === 0 && texts(robots!, 'wecom').length === 4, 15_000);
    const last = texts(robots, 'wecom')[2]!;
    expect(last).toContain('**案件已作废（误报），无需处置**');
    expect(last).toContain('误报（识别对象错误）：垃圾桶');
  });

  it('a unit channel hears nothing of another unit; a robot that keeps refusing is given up, logged', async () => {
    robots = await startRobots();
    const cfg = {
      notify: {
        checkSeconds: 3600,
        channels: [
          { id: 'san', kind: 'wecom', url: robots.url('wecom'), units: ['sanitation'] },
          { id: 'bad-ding', kind: 'dingtalk', url: robots.url('dingtalk'), maxAttempts: 2, retryBaseSeconds: 0.02 },
        ],
      },
    };
    robots.failNext('dingtalk', 5, 310000);
    h = await startCases(tempDir('gw-notify-'), systemClock, { cases: cfg }, opts);
    h.bus.emit('hit', { phase: 'start', hit: hit('h2') }); // squad's case
    await waitFor(() => outboxStats(h!.store.db).failed === 1, 15_000);
    expect(robots.got).toEqual([]);
    expect(robots.attempts).toEqual({ wecom: 0, dingtalk: 2 });
    expect(h.logs.join('')).toMatch(/robot refused: errcode 310000/);
  });
});

describeBackends('deadline reminders', (_open, ctx) => {
  useBackend(ctx);

  it('due soon once, overdue once, again after an approved extension', async () => {
    robots = await startRobots(DING_SECRET);
    const clock = new ManualClock(Date.parse('2026-12-07T01:00:00Z')); // Monday 09:00 Shanghai
    h = await startCases(tempDir('gw-notify-'), clock, { cases: channels(robots) }, opts);
    h.bus.emit('hit', { phase: 'start', hit: hit('h3') });
    await waitFor(
      () => h!.module.service.repo.stmt("SELECT count(*) FROM cases WHERE status = 'dispatched'").pluck().get() === 1,
    );
    const svc = h.module.service;
    const id = svc.repo.stmt('SELECT id FROM cases').pluck().get() as string;
    const deadline = svc.get(id)!.deadline!; // 2 working hours: 11:00
    const watch = new DeadlineWatch(svc, { dueSoonWorkingHours: 1, checkSeconds: 60 }, silentLogger());
    expect(watch.check()).toBe(0); // 09:00: 2 h left
    clock.set(deadline - 50 * 60_000); // 10:10
    expect(watch.check()).toBe(1);
    expect(watch.check()).toBe(0);
    clock.set(deadline + 60_000);
    expect(watch.check()).toBe(1);
    expect(watch.check()).toBe(0);
    const handler = { id: 'h-sq', role: 'handler' as const, unit: 'squad' };
    expect(svc.act(id, { action: 'accept' }, handler).ok).toBe(true);
    expect(svc.act(id, { action: 'request-extension', hours: 4, reason: '需调派吊车' }, handler).ok).toBe(true);
    expect(svc.act(id, { action: 'approve-extension' }, { id: 'op', role: 'operator' }).ok).toBe(true);
    const later = svc.get(id)!.deadline!;
    expect(later).toBeGreaterThan(deadline);
    clock.set(later - 30 * 60_000);
    expect(watch.check()).toBe(1);
    const notices = svc
      .timeline(id)
      .filter((e) => e.action === 'notice')
      .map((e) => e.data?.notice);
    expect(notices).toEqual(['due-soon', 'overdue', 'due-soon']);
    await waitFor(() => outboxStats(h!.store.db).pending === 0, 15_000);
    const ding = texts(robots, 'dingtalk');
    expect(ding.map((t) => t.split('\n')[0])).toEqual([
      '#### 新派遣案件',
      '#### 案件即将到期',
      '#### 案件已超期',
      '#### 延期申请结果：已批准',
      '#### 案件即将到期',
    ]);
    expect(robots.malformed).toEqual([]);
  });
});

describe('notify config', () => {
  const problems = (notify: unknown): string => {
    try {
      fixtureConfig(tempDir('gw-notify-'), { cases: { notify } });
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };
  it('names each bad channel field', () => {
    expect(problems({ channels: [{ id: 'a', kind: 'webhook', url: 'ftp://x', secret: 'k'.repeat(16) }] })).toMatch(
      /cases\.notify\.channels\[0\]\.url: must be an http\(s\) URL/,
    );
    const msg = problems({
      channels: [
        {
          id: 'a',
          kind: 'wecom',
          url: 'https://qyapi.weixin.qq.com/x',
          secret: 'SEC0123456789abcdef',
          units: ['nope'],
        },
        { id: 'a', kind: 'webhook', url: 'https://example.org/hook' },
      ],
    });
    expect(msg).toMatch(/cases\.notify\.channels\[0\]\.units\[0\]: unknown unit "nope"/);
    expect(msg).toMatch(/cases\.notify\.channels\[0\]\.secret: WeCom group robots are not signed/);
    expect(msg).toMatch(/cases\.notify\.channels\[1\]\.id: duplicate channel id "a"/);
    expect(msg).toMatch(/cases\.notify\.channels\[1\]\.secret: a webhook channel needs a secret/);
  });
});
