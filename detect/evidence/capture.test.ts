/**
 * Evidence stills of a camera analysed on a sub stream: the main stream's full-resolution picture of the moment
 * (through the clip source's `still`), with the hit's boxes scaled from analysis pixels to it; the analysed frame
 * when there is no better picture (no sub stream, not recorded, or the still fails).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../kernel/evidence.ts';
import { tempDir } from '../../kernel/testing.ts';
import type { Frame, Hit } from '../../kernel/types/index.ts';
import { solidFrame } from '../testing.ts';
import { HitEvidenceRecorder, type ClipSource } from './capture.ts';

const analysed = solidFrame(416, 234, [90, 90, 90], { cameraId: 'cam', ts: 1000 });
const full = solidFrame(1248, 702, [90, 90, 90], { cameraId: 'cam', ts: 1000 });
const hit: Hit = {
  id: 'h1',
  rule: 'vending',
  category: '05-04',
  cameraId: 'cam',
  zoneId: 'z',
  start: 1000,
  lastSeen: 1000,
  repeat: 1,
  region: { x1: 0.25, y1: 0.25, x2: 0.5, y2: 0.5 },
  boxes: [{ label: 'person', score: 0.9, box: { x1: 104, y1: 58, x2: 208, y2: 117 } }],
  evidence: [],
};
const zone: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
];

async function sizes(still: ClipSource['still']): Promise<{ width?: number; height?: number }[]> {
  const store = new EvidenceStore(tempDir('gw-ev-'));
  const clips: ClipSource = { clip: () => Promise.reject(new Error('no clip')), ...(still ? { still } : {}) };
  const rec = new HitEvidenceRecorder(store, { clips });
  const ev = await rec.frameEvidence(analysed, zone, '区域', hit);
  return Promise.all(ev.map(async (e) => sharp(store.fileOf(e)).metadata()));
}

describe('evidence stills at full resolution', () => {
  it('uses the main stream picture of the moment when the camera gives one', async () => {
    let asked: [string, number] | undefined;
    const got = await sizes(async (camera, ts) => {
      asked = [camera, ts];
      return full as Frame;
    });
    expect(asked).toEqual(['cam', 1000]);
    expect(got.map((m) => [m.width, m.height])).toEqual([
      [1248, 702],
      [1248, 702],
    ]);
  });

  it('keeps the analysed frame when there is no better picture or it cannot be had', async () => {
    for (const still of [undefined, async () => undefined, async () => Promise.reject(new Error('disk'))]) {
      const got = await sizes(still);
      expect(got.map((m) => m.width)).toEqual([416, 416]);
    }
  });
});
