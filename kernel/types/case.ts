/** The case (案件) vocabulary of the 数字城管 loop. */
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
  readonly description: string;
  readonly evidence: readonly Evidence[];
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Handling deadline, epoch ms, computed in working hours. */
  readonly deadline?: number;
  /** Ids of the hits / violations / requests merged into this case. */
  readonly sourceRefs: readonly string[];
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
    };
