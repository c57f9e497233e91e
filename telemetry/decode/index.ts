/**
 * The decode stage: a raw message on a known topic → a fix, a status report, or a rejection. One decoder per format.
 */
import type { DecodedFix, RawMessage, Rejection, StatusReport, TopicInfo } from '../types.ts';
import { decodeGridwatch } from './gridwatch.ts';
import { parseJsonObject } from './json.ts';
import { decodeOwnTracks, isOwnTracks } from './owntracks.ts';
import { decodeStatus } from './status.ts';

export type Decoded = DecodedFix | StatusReport | Rejection;

export function decodeMessage(topic: TopicInfo, msg: RawMessage, maxBytes: number): Decoded {
  if (topic.kind === 'status') return decodeStatus(msg.payload, maxBytes, topic.vehicleId, msg.receivedAt);
  const json = parseJsonObject(msg.payload, maxBytes, topic.vehicleId);
  if (!json.ok) return json.rejection;
  const obj = json.value;
  return isOwnTracks(obj)
    ? decodeOwnTracks(obj, topic.vehicleId, msg.receivedAt)
    : decodeGridwatch(obj, topic.vehicleId, msg.receivedAt);
}

export function isStatus(d: Decoded): d is StatusReport {
  return 'online' in d && 'reason' in d && !('rejected' in d);
}
