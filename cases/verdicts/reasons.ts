/** The false-alarm reasons as they appear in case timelines, as messages (kernel/messages). */
import { msg, type Text } from '../../kernel/messages/text.ts';
import type { FalseReason } from '../../kernel/types/index.ts';

export const REASON_TEXT: Readonly<Record<FalseReason, Text>> = {
  'wrong-object': msg('cases.verdict.reason.wrong-object'),
  'allowed-activity': msg('cases.verdict.reason.allowed-activity'),
  'outside-zone': msg('cases.verdict.reason.outside-zone'),
  duplicate: msg('cases.verdict.reason.duplicate'),
  other: msg('cases.verdict.reason.other'),
};

/** The timeline reason of a false-alarm verdict: "误报（识别对象错误）：free text". */
export function falseAlarmText(reason: FalseReason, note?: string): Text {
  return note
    ? msg('cases.verdict.falseNote', { reason: REASON_TEXT[reason], note })
    : msg('cases.verdict.false', { reason: REASON_TEXT[reason] });
}

/** The note of a confirmation: "确认：确有问题，free text". */
export function confirmedText(note?: string): Text {
  return note ? msg('cases.verdict.confirmedNote', { note }) : msg('cases.verdict.confirmed');
}
