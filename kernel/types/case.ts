/** The case (案件) vocabulary of the 数字城管 loop. */
import type { Text } from '../messages/text.ts';
import type { Evidence } from './video.ts';

export type CaseSource = 'camera' | 'vehicle' | 'citizen' | 'inspector' | 'external';

export type CaseStatus =
  | 'reported' // 已上报
  | 'registered' // 已立案, waiting for dispatch
  | 'rejected' // 不予立案
  | 'dispatched' // 已派遣
  | 'handling' // 处置中
  | 'handled' // 已处置/已反馈, waiting for verification
  | 'closed' // 已结案
  | 'cancelled' // 已作废: ended after dispatch as a false alarm (误报); the unit is told
  | 'suspended'; // 挂账

export interface Case {
  readonly id: string;
  readonly source: CaseSource;
  /** Category code "MM-NN" from the configured code table. */
  readonly category: string;
  readonly status: CaseStatus;
  readonly gridCell?: string;
  readonly location?: { readonly lat: number; readonly lon: number };
  readonly unitId?: string;
  /** The description as text (a person's words, or a generated one rendered in server.locale). */
  readonly description: string;
  /** A generated description as a message (kernel/messages): rendered per reader's locale when present. */
  readonly descriptionText?: Text;
  readonly evidence: readonly Evidence[];
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Handling deadline, epoch ms, computed in working hours. */
  readonly deadline?: number;
  /** Ids of the hits / violations / requests merged into this case. */
  readonly sourceRefs: readonly string[];
  /** Free-text address (Open311 address_string, inspector note). */
  readonly address?: string;
  /** Camera and zone of a camera-sourced case (or a case a camera hit merged into): enables camera verification. */
  readonly cameraId?: string;
  readonly zoneId?: string;
  readonly vehicleId?: string;
  /** Contractor (作业单位) the case is about: a unit id, or the vehicle's contractor name. */
  readonly contractor?: string;
  /** Open311 media_url given by a citizen. */
  readonly mediaUrl?: string;
  readonly registeredAt?: number;
  /** First dispatch; the deadline counts from here. */
  readonly dispatchedAt?: number;
  /** Latest report of handling (反馈). */
  readonly handledAt?: number;
  readonly closedAt?: number;
  readonly reworkCount?: number;
  /** While suspended (挂账): the status to resume to, and since when. */
  readonly suspendedFrom?: CaseStatus;
  readonly suspendedAt?: number;
  /** A pending extension request (延期申请). */
  readonly extension?: CaseExtensionRequest;
  /** 综合评价 by a regulator after closure. */
  readonly evaluation?: CaseEvaluation;
  /** 督办: flagged by an admin for supervision (shown on the board, counted in the KPIs as 督办件数). */
  readonly supervised?: CaseSupervision;
}

export interface CaseSupervision {
  readonly by: string;
  /** The display name of `by` (set by the API when it answers). */
  readonly byName?: string;
  readonly at: number;
  readonly reason: string;
}

export interface CaseExtensionRequest {
  readonly hours: number;
  readonly reason: string;
  readonly by: string;
  readonly at: number;
}

export interface CaseEvaluation {
  /** 1 (poor) … 5 (excellent). */
  readonly score: number;
  readonly note?: string;
  readonly by: string;
  readonly at: number;
}

/** Everything that can happen to a case, as recorded in its audit timeline. */
export type CaseAction =
  | 'register' // 立案
  | 'reject' // 不予立案 (before dispatch)
  | 'cancel' // 作废 (after dispatch: a false alarm; the unit is notified)
  | 'dispatch' // 派遣 (also re-dispatch after a return)
  | 'accept' // 签收, start handling
  | 'return' // 回退 a wrong dispatch
  | 'handle' // 处置完毕 + 反馈
  | 'verify' // 核查通过 → 结案
  | 'rework' // 返工
  | 'request-extension' // 延期申请
  | 'approve-extension'
  | 'deny-extension'
  | 'suspend' // 挂账
  | 'resume'
  | 'evaluate' // 综合评价
  | 'urge' // 催办: a reminder to the unit (timeline + notice), no status change
  | 'escalate'; // 督办: the case is flagged, the unit and its leadership are notified

/** One row of a case's audit timeline: who did what, when and why. */
export interface CaseTimelineEntry {
  readonly seq: number;
  readonly caseId: string;
  readonly ts: number;
  /** Username, "system:…" or "apikey:…". */
  readonly actor: string;
  /** Who, as people know them: a display name, 系统 (set by the API when it answers). */
  readonly actorName?: string;
  readonly role: string;
  /** A CaseAction, or created / attached / note. */
  readonly action: string;
  readonly from?: CaseStatus;
  readonly to?: CaseStatus;
  readonly reason?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export type CaseEvent =
  | { readonly type: 'created'; readonly case: Case }
  | { readonly type: 'attached'; readonly case: Case; readonly ref: string }
  | {
      readonly type: 'transition';
      readonly case: Case;
      readonly from: CaseStatus;
      readonly to: CaseStatus;
      readonly action: string;
      readonly actor: string;
      readonly reason?: string;
    }
  | { readonly type: 'note'; readonly case: Case; readonly note: string; readonly actor: string };
