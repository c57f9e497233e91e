/**
 * What a notice says: the case number, category, place, deadline (local time of the work calendar) and a link —
 * never the evidence itself — as a plain-text title + lines, then shaped for each channel kind.
 */
import type { NoticeKind } from '../../kernel/config/notify.ts';
import { at, msg, ref, type Text } from '../../kernel/messages/text.ts';
import { Texts } from '../../kernel/messages/texts.ts';
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
  /** Renders the notice (server.locale, names); zh-CN in `timezone` without. */
  readonly texts?: Texts;
}

export interface NoticeText {
  readonly title: string;
  readonly lines: readonly string[];
  readonly link?: string;
  /** The link's label ("查看案件"). */
  readonly linkLabel?: string;
}

const TITLES: Record<Exclude<NoticeKind, 'extension-decided'>, Text> = {
  dispatched: msg('notify.title.dispatched'),
  'due-soon': msg('notify.title.due-soon'),
  overdue: msg('notify.title.overdue'),
  returned: msg('notify.title.returned'),
  rework: msg('notify.title.rework'),
  cancelled: msg('notify.title.cancelled'),
  urged: msg('notify.title.urged'),
  escalated: msg('notify.title.escalated'),
};

const textsOf = (f: Pick<NoticeFacts, 'texts' | 'timezone'>): Texts =>
  f.texts ?? new Texts('zh-CN', { timeZone: f.timezone });

/** Where the problem is, for a person on the way there (the grid cell by name). */
export function placeOf(c: Case, texts: Texts = new Texts('zh-CN', { timeZone: 'Asia/Shanghai' })): string {
  const parts: string[] = [];
  if (c.address) parts.push(c.address);
  if (c.gridCell) parts.push(texts.render(msg('notify.place.cell', { cell: ref('cell', c.gridCell) })));
  if (parts.length === 0 && c.location) parts.push(`${c.location.lat.toFixed(5)}, ${c.location.lon.toFixed(5)}`);
  return parts.join(texts.locale === 'en' ? ', ' : '，') || texts.render(msg('notify.place.none'));
}

export function noticeText(f: NoticeFacts): NoticeText {
  const c = f.case;
  const texts = textsOf(f);
  const say = (t: Text): string => texts.render(t);
  const title =
    f.kind === 'extension-decided'
      ? say(f.approved ? msg('notify.title.extensionApproved') : msg('notify.title.extensionDenied'))
      : say(TITLES[f.kind]);
  const category = f.categoryName ?? texts.name('category', c.category);
  const lines = [
    say(msg('notify.line.id', { id: c.id })),
    say(msg('notify.line.category', { code: c.category, category: category === c.category ? '' : category })).trim(),
    say(msg('notify.line.place', { place: placeOf(c, texts) })),
  ];
  if (f.unitName) lines.push(say(msg('notify.line.unit', { unit: f.unitName })));
  if (c.deadline !== undefined) lines.push(say(msg('notify.line.deadline', { deadline: at(c.deadline) })));
  if (f.reason) lines.push(say(msg('notify.line.reason', { reason: f.reason })));
  const link = f.publicUrl ? `${f.publicUrl.replace(/\/+$/, '')}/#/cases/${encodeURIComponent(c.id)}` : undefined;
  return { title, lines, ...(link ? { link, linkLabel: say(msg('notify.link')) } : {}) };
}

/** 企业微信群机器人: msgtype markdown (content ≤ 4096 bytes), @ by mobile needs a text message, so one is added. */
export function wecomPayloads(t: NoticeText, mentionMobiles: readonly string[]): unknown[] {
  const body = [`**${t.title}**`, ...t.lines.map((l) => `> ${l}`)];
  if (t.link) body.push(`[${t.linkLabel ?? '查看案件'}](${t.link})`);
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
  if (t.link) body.push(`[${t.linkLabel ?? '查看案件'}](${t.link})`);
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
      place: placeOf(c, textsOf(f)),
      ...(c.location ? { location: c.location } : {}),
      ...(c.deadline !== undefined ? { deadline: new Date(c.deadline).toISOString() } : {}),
    },
    ...(f.approved !== undefined ? { approved: f.approved } : {}),
    ...(f.reason ? { reason: f.reason } : {}),
    ...(t.link ? { link: t.link } : {}),
  };
}
