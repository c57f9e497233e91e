/** The false-alarm reasons as they appear in case timelines (zh-CN first, English after). */
import type { FalseReason } from '../../kernel/types/index.ts';

export const REASON_LABELS: Readonly<Record<FalseReason, string>> = {
  'wrong-object': '识别对象错误 wrong object',
  'allowed-activity': '允许的活动 allowed activity',
  'outside-zone': '不在区域内 outside the zone',
  duplicate: '重复 duplicate',
  other: '其他 other',
};

/** The timeline reason of a false-alarm verdict: "误报 false alarm (识别对象错误 wrong object): free text". */
export function falseAlarmText(reason: FalseReason, note?: string): string {
  return `误报 false alarm (${REASON_LABELS[reason]})${note ? `: ${note}` : ''}`;
}
