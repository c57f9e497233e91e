/**
 * Stage 6, the hand-off: evidence is written behind a per-camera queue, so the frame loop never waits for it; hits
 * of a camera are published in order, each with its evidence; a failed write publishes the hit without evidence and
 * lets the next better frame try again.
 */
import { describe, expect, it } from 'vitest';
import { EventBus, type HitEvent } from '../../kernel/bus.ts';
import { EvidenceStore } from '../../kernel/evidence.ts';
import { silentLogger } from '../../kernel/log.ts';
import { tempDir } from '../../kernel/testing.ts';
import type { Evidence, Frame, Hit } from '../../kernel/types/index.ts';
import type { Findings } from '../camera-stages.ts';
import type { HitChange } from '../rules/observation.ts';
import { testZone } from '../rules/testing.ts';
import type { Zone } from '../rules/zones.ts';
import { HitEvidenceRecorder } from './capture.ts';
import { HitPublisher } from './publisher.ts';

const W = 64;
const H = 48;
const zone = testZone();

/** A recorder whose frame evidence waits for `open()` and can be told to fail. */
class GatedRecorder extends HitEvidenceRecorder {
  private release = (): void => {};
  private readonly gate = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  writes = 0;
  failNext = false;
  open(): void {
    this.release();
  }
  override async frameEvidence(frame: Frame, polygon: Zone['polygon'], name: string, hit: Hit): Promise<Evidence[]> {
    this.writes++;
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    return super.frameEvidence(frame, polygon, name, hit);
  }
}

function findings(phase: HitChange['phase'], now: number, best = false): Findings {
  const frame: Frame = { cameraId: 'cam1', seq: now, ts: now, width: W, height: H, data: Buffer.alloc(W * H * 3) };
  const hit: Hit = {
    id: 'h1',
    rule: 'vending',
    category: '05-04',
    cameraId: 'cam1',
    zoneId: zone.id,
    start: 0,
    lastSeen: now,
    repeat: 1,
    region: { x1: 0.2, y1: 0.2, x2: 0.6, y2: 0.8 },
    boxes: [],
    evidence: [],
  };
  return { frame, now, changes: [{ zone, change: { phase, hit, best } }] };
}

function setup() {
  const bus = new EventBus();
  const events: HitEvent[] = [];
  bus.on('hit', (e) => void events.push(e));
  const recorder = new GatedRecorder(EvidenceStore.inDataDir(tempDir('gw-pub-')));
  const publisher = new HitPublisher({ bus, log: silentLogger(), recorder, captureEveryMs: 30_000 });
  return { events, recorder, publisher };
}

describe('hit publisher (stage 6)', () => {
  it('push returns before the evidence is written; the hits follow in order, each with its evidence', async () => {
    const { events, recorder, publisher } = setup();
    publisher.push(findings('start', 1000));
    publisher.push(findings('update', 2000));
    publisher.push(findings('end', 3000));
    expect(events).toEqual([]); // the frame loop went on; the write waits behind the gate
    expect(publisher.queued()).toBe(3);
    recorder.open();
    await publisher.published();
    expect(events.map((e) => e.phase)).toEqual(['start', 'update', 'end']);
    for (const e of events) expect(e.hit.evidence.map((x) => x.kind)).toEqual(['annotated', 'snapshot']);
    expect(recorder.writes).toBe(1); // the start only: no better frame was due
    expect(publisher.hit('h1')?.evidence).toHaveLength(2);
    expect(publisher.queued()).toBe(0);
  });

  it('a failed write publishes the hit without evidence; the next better frame writes it', async () => {
    const { events, recorder, publisher } = setup();
    recorder.failNext = true;
    recorder.open();
    publisher.push(findings('start', 1000));
    await publisher.published();
    expect(events[0]?.hit.evidence).toEqual([]);
    publisher.push(findings('update', 2000, true));
    await publisher.published();
    expect(recorder.writes).toBe(2);
    expect(events[1]?.hit.evidence.map((x) => x.kind)).toEqual(['annotated', 'snapshot']);
  });
});
