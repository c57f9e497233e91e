/**
 * Which notices a case event makes, and their outbox rows (written in the same transaction as the case change, so a
 * notice is never lost nor sent for a change that was rolled back). Unit channels hear about their unit's cases;
 * channels for "*" (a command-centre group) about every case, and alone about returns; `leaders` channels (a unit's
 * leadership group) only about 督办 (escalated).
 */
import type { NoticeKind, NotifyChannel } from '../../kernel/config/notify.ts';
import type { Db } from '../../kernel/db.ts';
import type { Case, CaseEvent } from '../../kernel/types/index.ts';
import type { Catalog } from '../catalog.ts';
import { insertOutboxRow } from '../outbox.ts';
import { dingtalkPayload, noticeText, webhookPayload, wecomPayloads } from './message.ts';
import type { Texts } from '../../kernel/messages/texts.ts';

export interface Notice {
  readonly kind: NoticeKind;
  readonly case: Case;
  readonly approved?: boolean;
  readonly reason?: string;
}

/** The notices a case event makes (none for most events). */
export function noticesFor(event: CaseEvent): Notice[] {
  if (event.type !== 'transition') return [];
  const base = { case: event.case, ...(event.reason ? { reason: event.reason } : {}) };
  switch (event.action) {
    case 'dispatch':
      return [{ kind: 'dispatched', ...base }];
    case 'return':
      return [{ kind: 'returned', ...base }];
    case 'rework':
      return [{ kind: 'rework', ...base }];
    case 'cancel':
      return [{ kind: 'cancelled', ...base }];
    case 'urge':
      return [{ kind: 'urged', ...base }];
    case 'escalate':
      return [{ kind: 'escalated', ...base }];
    case 'approve-extension':
      return [{ kind: 'extension-decided', approved: true, ...base }];
    case 'deny-extension':
      return [{ kind: 'extension-decided', approved: false, ...base }];
    default:
      return [];
  }
}

export function channelWants(channel: NotifyChannel, n: Notice): boolean {
  if (!channel.events.includes(n.kind)) return false;
  // a leadership group (领导群) hears only 督办 of its units
  if (channel.leaders && n.kind !== 'escalated') return false;
  if (channel.units.includes('*')) return true;
  if (n.kind === 'returned') return false;
  return n.case.unitId !== undefined && channel.units.includes(n.case.unitId);
}

/** The exact JSON bodies to POST to one channel for one notice (WeCom: a second message when someone is @-ed). */
export function channelBodies(
  channel: NotifyChannel,
  n: Notice,
  catalog: Catalog,
  publicUrl?: string,
  texts?: Texts,
): string[] {
  const facts = {
    ...n,
    categoryName: catalog.category(n.case.category)?.name,
    unitName: catalog.unit(n.case.unitId)?.name,
    timezone: catalog.timezone,
    ...(publicUrl ? { publicUrl } : {}),
    ...(texts ? { texts } : {}),
  };
  const text = noticeText(facts);
  switch (channel.kind) {
    case 'wecom':
      return wecomPayloads(text, channel.mentionMobiles).map((p) => JSON.stringify(p));
    case 'dingtalk':
      return [JSON.stringify(dingtalkPayload(text, channel.mentionMobiles))];
    default:
      return [JSON.stringify(webhookPayload(facts, text))];
  }
}

export interface NoticeOutbox {
  readonly channels: readonly NotifyChannel[];
  readonly catalog: Catalog;
  readonly publicUrl?: string;
  /** Renders the push texts in server.locale (names, the calendar zone). */
  readonly texts?: Texts;
}

/** Writes the outbox rows of these notices, tied to audit row `seq`. */
export function enqueueNotices(db: Db, out: NoticeOutbox, notices: readonly Notice[], seq: number, now: number): void {
  for (const n of notices) {
    for (const channel of out.channels) {
      if (!channelWants(channel, n)) continue;
      for (const body of channelBodies(channel, n, out.catalog, out.publicUrl, out.texts)) {
        insertOutboxRow(db, channel.id, seq, body, now);
      }
    }
  }
}
