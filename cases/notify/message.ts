/**
 * What a notice says: the case number, category, place, deadline (local time of the work calendar) and a link —
 * never the evidence itself — as a plain-text title + lines, then shaped for each channel kind.
 */
import type { NoticeKind } from '../../kernel/config/notify.ts';
import { localDateTime } from '../../kernel/time.ts';
import type { Case } from '../../kernel/types/index.ts';

export interface NoticeFacts {
  readonly kind: NoticeKind;
  readonly case: Case;
  readonly categoryName?: string;
  readonly unitName?: string;
  /** Approved / denied, for extension-decided. */
  readonly approved?: boolean;
  readonly reason?: string;
  readonly timezone: string;
  /** Dashboard URL (server.publicUrl); the link is left out without it. */
  readonly publicUrl?: string;
}

export interface NoticeText {
  readonly title: string;
  readonly lines: readonly string[];
  readonly link?: string;
}

const TITLES: Record<NoticeKind, string> = {
  dispatched: '新派遣案件',
  'due-soon': '案件即将到期',
  overdue: '案件已超期',
  returned: '案件被回退',
  rework: '案件返工',
  'extension-decided': '延期申请结果',
  cancelled: '案件已作废（误报），无需处置',
  urged: '催办通知',
  escalated: '督办通知',
};

/** Where the problem is, for a person on the way there. */
export function placeOf(c: Case): string {
  const parts: string[] = [];
  if (c.address) parts.push(c.address);
  if (c.gridCell) parts.push(`网格 ${c.gridCell}`);
  if (parts.length === 0 && c.location) parts.push(`${c.location.lat.toFixed(5)}, ${c.location.lon.toFixed(5)}`);
  return parts.join('，') || '未定位';
}

export function noticeText(f: NoticeFacts): NoticeText {
  const c = f.case;
  const title =
    f.kind === 'extension-decided' ? `${TITLES[f.kind]}：${f.approved ? '已批准' : '未批准'}` : TITLES[f.kind];
  const lines = [
    `案件编号：${c.id}`,
    `类别：${c.category}${f.categoryName ? ` ${f.categoryName}` : ''}`,
    `地点：${placeOf(c)}`,
  ];
  if (f.unitName) lines.push(`责任单位：${f.unitName}`);
  if (c.deadline !== undefined) lines.push(`处置时限：${localDateTime(c.deadline, f.timezone).slice(0, 16)}`);
  if (f.reason) lines.push(`说明：${f.reason}`);
  const link = f.publicUrl ? `${f.publicUrl.replace(/\/+$/, '')}/#/cases/${encodeURIComponent(c.id)}` : undefined;
  return { title, lines, ...(link ? { link } : {}) };
}

/** 企业微信群机器人: msgtype markdown (content ≤ 4096 bytes), @ by mobile needs a text message, so one is added. */
export function wecomPayloads(t: NoticeText, mentionMobiles: readonly string[]): unknown[] {
  const body = [`**${t.title}**`, ...t.lines.map((l) => `> ${l}`)];
  if (t.link) body.push(`[查看案件](${t.link})`);
  const out: unknown[] = [{ msgtype: 'markdown', markdown: { content: body.join('\n') } }];
  if (mentionMobiles.length > 0) {
    out.push({
      msgtype: 'text',
      text: { content: `${t.title}：${t.lines[0]}`, mentioned_mobile_list: mentionMobiles },
    });
  }
  return out;
}

/** 钉钉自定义机器人: msgtype markdown with title and text; @ by mobile in `at` and in the text. */
export function dingtalkPayload(t: NoticeText, mentionMobiles: readonly string[]): unknown {
  const body = [`#### ${t.title}`, ...t.lines.map((l) => `- ${l}`)];
  if (t.link) body.push(`[查看案件](${t.link})`);
  if (mentionMobiles.length > 0) body.push(mentionMobiles.map((m) => `@${m}`).join(' '));
  return {
    msgtype: 'markdown',
    markdown: { title: t.title, text: body.join('\n\n') },
    at: { atMobiles: [...mentionMobiles], isAtAll: false },
  };
}

/** Generic signed webhook: the facts as JSON. */
export function webhookPayload(f: NoticeFacts, t: NoticeText): unknown {
  const c = f.case;
  return {
    notice: f.kind,
    title: t.title,
    case: {
      id: c.id,
      category: c.category,
      categoryName: f.categoryName,
      status: c.status,
      unit: c.unitId,
      place: placeOf(c),
      ...(c.location ? { location: c.location } : {}),
      ...(c.deadline !== undefined ? { deadline: new Date(c.deadline).toISOString() } : {}),
    },
    ...(f.approved !== undefined ? { approved: f.approved } : {}),
    ...(f.reason ? { reason: f.reason } : {}),
    ...(t.link ? { link: t.link } : {}),
  };
}
