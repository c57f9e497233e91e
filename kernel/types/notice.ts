/** In-app notices (站内通知): what a logged-in user is told about, stored per user with read/unread. */
import type { NoticeKind } from '../config/notify.ts';

/** The push notice kinds, plus `to-verify` (an inspector: a case in my cells waits for 核查). */
export type InboxKind = NoticeKind | 'to-verify';

export interface InboxNotice {
  readonly id: number;
  readonly kind: InboxKind;
  readonly caseId: string;
  /** When it was made, epoch ms. */
  readonly at: number;
  readonly read: boolean;
  readonly category: string;
  readonly gridCell?: string;
  readonly address?: string;
  readonly deadline?: number;
  /** Why (回退/返工/驳回 reason, 催办 note, 督办 reason). */
  readonly reason?: string;
  /** For extension-decided: approved or denied. */
  readonly approved?: boolean;
}

/** Bus `notice`: a new notice for one user (the live feed sends it to that user's streams only). */
export interface NoticeEvent {
  readonly username: string;
  readonly notice: InboxNotice;
  /** The user's unread count after it. */
  readonly unread: number;
}
