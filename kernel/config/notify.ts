import { z } from 'zod';
import { id, type Problem } from './common.ts';

/** What a unit (or the command centre) is told about, and when. */
export const NOTICE_KINDS = [
  'dispatched', // 案件派遣到本单位
  'due-soon', // 距处置时限不足 dueSoonWorkingHours 个工作时
  'overdue', // 已超期
  'returned', // 被回退 (to the command centre)
  'rework', // 返工 (sent back to the unit)
  'extension-decided', // 延期申请已批准 / 未批准
  'cancelled', // 作废: judged a false alarm (误报) after dispatch; stop work
  'urged', // 催办: the command centre urges the unit to act
  'escalated', // 督办: the case is under supervision (also to the unit's leadership channels)
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const notifyChannelSchema = z
  .strictObject({
    id: id.describe('Channel id (shown in logs and the outbox).'),
    kind: z
      .enum(['wecom', 'dingtalk', 'webhook'])
      .describe(
        'wecom: 企业微信群机器人 webhook; dingtalk: 钉钉自定义机器人 (signed when `secret` is set); ' +
          'webhook: JSON signed like case webhooks.',
      ),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .describe(
        'Robot webhook URL, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… or ' +
          'https://oapi.dingtalk.com/robot/send?access_token=…',
      ),
    secret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe('DingTalk: the robot\'s "加签" secret (SEC…); webhook: the HMAC-SHA256 key. Not for wecom.'),
    units: z
      .array(z.string().min(1))
      .default(['*'])
      .describe(
        'Units whose cases this channel hears about (unit ids, or "*" for every unit: a command-centre group).',
      ),
    events: z
      .array(z.enum(NOTICE_KINDS))
      .default([...NOTICE_KINDS])
      .describe('Notice kinds sent to this channel.'),
    leaders: z
      .boolean()
      .default(false)
      .describe(
        'The leadership group (领导群) of its units: it hears only their 督办 (escalated) notices, which also go to ' +
          "the units' own channels. `events` must include escalated (the default does).",
      ),
    mentionMobiles: z
      .array(z.string().regex(/^\d{6,15}$/, 'must be a mobile number (digits)'))
      .default([])
      .describe("Mobile numbers to @-mention in robot messages (the unit's duty phone)."),
    maxAttempts: z.number().int().min(1).max(100).default(12).describe('Attempts before a message is given up.'),
    retryBaseSeconds: z.number().min(0.01).max(3600).default(5).describe('First retry delay; doubles each attempt.'),
    retryMaxSeconds: z.number().min(0.01).max(86400).default(3600).describe('Longest retry delay.'),
    timeoutSeconds: z.number().min(0.1).max(120).default(10).describe('Request timeout.'),
  })
  .describe(
    'A push channel: the case number, category, place, deadline and a link (never evidence), retried from the outbox.',
  );

export const notifySchema = z
  .strictObject({
    channels: z.array(notifyChannelSchema).default([]).describe('Where notices are pushed.'),
    dueSoonWorkingHours: z
      .number()
      .min(0.25)
      .max(24)
      .default(1)
      .describe('A "due soon" notice goes out when this many working hours are left before the deadline.'),
    checkSeconds: z
      .number()
      .min(1)
      .max(3600)
      .default(60)
      .describe('How often deadlines are checked for due-soon and overdue notices.'),
  })
  .describe('Notifications to units and the command centre (企业微信 / 钉钉 robots, signed webhooks).');

export type NotifyConfig = z.infer<typeof notifySchema>;
export type NotifyChannel = z.infer<typeof notifyChannelSchema>;

export function checkNotify(notify: NotifyConfig, unitIds: ReadonlySet<string>, webhookIds: ReadonlySet<string>) {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  notify.channels.forEach((c, i) => {
    const at = (...p: (string | number)[]) => ['cases', 'notify', 'channels', i, ...p];
    if (seen.has(c.id) || webhookIds.has(c.id)) {
      problems.push({
        path: at('id'),
        message: `duplicate channel id "${c.id}" (webhook and channel ids share one list)`,
      });
    }
    seen.add(c.id);
    c.units.forEach((u, j) => {
      if (u !== '*' && !unitIds.has(u)) problems.push({ path: at('units', j), message: `unknown unit "${u}"` });
    });
    if (c.leaders && !c.events.includes('escalated')) {
      problems.push({ path: at('events'), message: 'a leaders channel hears only escalated notices: include it' });
    }
    if (c.kind === 'webhook' && !c.secret)
      problems.push({ path: at('secret'), message: 'a webhook channel needs a secret' });
    if (c.kind === 'wecom' && c.secret) {
      problems.push({ path: at('secret'), message: 'WeCom group robots are not signed: remove the secret' });
    }
  });
  return problems;
}
