/** Test helpers for the cluster: a logger whose lines can be read, and findings as the nodes publish them. */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Logger } from '../kernel/log.ts';
import type { Hit } from '../kernel/types/index.ts';

export interface CapturedLog {
  readonly log: Logger;
  readonly lines: () => Record<string, unknown>[];
}

export function capturedLogger(): CapturedLog {
  const raw: string[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void raw.push(s) });
  return { log, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export function testHit(id: string, cameraId = 'cam-1', evidence: Hit['evidence'] = []): Hit {
  return {
    id,
    rule: 'litter',
    category: '01-02',
    cameraId,
    zoneId: 'z1',
    start: 1000,
    lastSeen: 1000,
    repeat: 1,
    region: { x1: 0, y1: 0, x2: 1, y2: 1 },
    boxes: [],
    evidence,
  };
}

/** A hit message as a video node sends it. */
export function hitPayload(
  hit: Hit,
  o: { nodeId?: string; generation?: number; seq?: number; msgId?: string; phase?: 'start' | 'update' | 'end' } = {},
): Buffer {
  const nodeId = o.nodeId ?? 'video-1';
  const seq = o.seq ?? 1;
  return Buffer.from(
    JSON.stringify({
      kind: 'hit',
      msgId: o.msgId ?? `${nodeId}:${randomBytes(3).toString('hex')}:${seq}`,
      nodeId,
      seq,
      sentAt: Date.now(),
      generation: o.generation ?? 1,
      event: { phase: o.phase ?? 'start', hit },
    }),
  );
}
