/** Camera re-check for verification (核查): "is the problem at this spot clear now?" */
import type { Text } from '../messages/text.ts';
import type { Evidence } from './video.ts';

export interface RecheckRequest {
  readonly cameraId: string;
  readonly zoneId: string;
  /** The hit whose region is re-checked, when the case came from one. */
  readonly hitId?: string;
}

export interface RecheckResult {
  readonly clear: boolean;
  /** Evidence from when the problem was found, and a fresh frame now. */
  readonly before?: Evidence;
  readonly after?: Evidence;
  /** What was seen, in English (logs); `text` says it per reader. */
  readonly detail: string;
  readonly text?: Text;
  readonly ts: number;
}

export interface Rechecker {
  recheck(req: RecheckRequest): Promise<RecheckResult>;
  /** False when camera re-check is switched off for this zone (then verification is manual). */
  enabled?(cameraId: string, zoneId: string): boolean;
}
