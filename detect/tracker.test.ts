import { describe, expect, it } from 'vitest';
import { trackerSchema } from '../kernel/config/models.ts';
import { det } from './testing.ts';
import { median, Tracker } from './tracker.ts';

const params = trackerSchema.parse({ minHits: 2, lostSeconds: 3, stationarySeconds: 10, stationaryIou: 0.8 });
const s = (n: number): number => 1_000_000 + n * 1000; // frame times at 1 fps

describe('Tracker timelines', () => {
  it('keeps the id through a missed frame, then drops the track after lostSeconds', () => {
    const t = new Tracker('cam', params);
    expect(t.update([det('person', 0.9, [100, 100, 150, 250])], s(0))).toEqual([]); // tentative
    const [a] = t.update([det('person', 0.88, [104, 100, 154, 250])], s(1));
    expect(a).toMatchObject({ id: 1, label: 'person', missed: 0, firstSeen: s(0), lastSeen: s(1) });
    const [coast] = t.update([], s(2)); // missed frame
    expect(coast).toMatchObject({ id: 1, missed: 1, lastSeen: s(1) });
    const [back] = t.update([det('person', 0.85, [112, 100, 162, 250])], s(3));
    expect(back).toMatchObject({ id: 1, missed: 0, lastSeen: s(3) });
    t.update([], s(4));
    t.update([], s(6));
    expect(t.update([], s(7))).toEqual([]); // 4 s unseen > lostSeconds 3
  });

  it('gives a new object a new id, and a new id after the old track is gone', () => {
    const t = new Tracker('cam', params);
    t.update([det('person', 0.9, [0, 0, 50, 100])], s(0));
    t.update([det('person', 0.9, [0, 0, 50, 100]), det('car', 0.9, [300, 300, 400, 360])], s(1));
    const both = t.update([det('person', 0.9, [0, 0, 50, 100]), det('car', 0.9, [300, 300, 400, 360])], s(2));
    expect(both.map((x) => [x.id, x.label])).toEqual([
      [1, 'person'],
      [2, 'car'],
    ]);
    for (let i = 3; i <= 7; i++) t.update([], s(i));
    t.update([det('person', 0.9, [0, 0, 50, 100])], s(8));
    expect(t.update([det('person', 0.9, [0, 0, 50, 100])], s(9)).map((x) => x.id)).toEqual([3]);
  });

  it('follows a walking person with velocity prediction even when boxes no longer overlap', () => {
    const t = new Tracker('cam', params);
    const off = new Tracker('cam', { ...params, maxJump: 0 });
    const lost = [0, 1, 2].map((i) => off.update([det('person', 0.9, [i * 40, 100, i * 40 + 45, 200])], s(i)));
    expect(lost[2]).toEqual([]); // IoU alone cannot follow it at 1 fps
    const ids = [0, 1, 2, 3, 4, 5].map((i) =>
      t.update([det('person', 0.9, [i * 40, 100, i * 40 + 45, 200])], s(i)).map((x) => x.id),
    );
    expect(ids.slice(1)).toEqual([[1], [1], [1], [1], [1]]);
  });

  it('turns stationary after N seconds still, with stationarySince = when it stopped, and un-sets on moving', () => {
    const t = new Tracker('cam', params);
    const box: [number, number, number, number] = [200, 200, 300, 280];
    let out = t.update([det('chair', 0.6, box)], s(0));
    for (let i = 1; i < 10; i++)
      out = t.update([det('chair', 0.6, [box[0] + (i % 2), box[1], box[2] + (i % 2), box[3]])], s(i));
    expect(out[0]).toMatchObject({ stationary: false });
    expect(out[0]?.stationarySince).toBeUndefined();
    out = t.update([det('chair', 0.6, box)], s(10));
    expect(out[0]).toMatchObject({ stationary: true, stationarySince: s(0) });
    out = t.update([det('chair', 0.6, [240, 200, 340, 280])], s(11));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ stationary: false });
    expect(out[0]?.stationarySince).toBeUndefined();
  });

  it('holds tracks unchanged on frames the motion gate skipped, still counting stationary time', () => {
    const t = new Tracker('cam', params);
    t.update([det('umbrella', 0.5, [10, 10, 60, 60])], s(0));
    t.update([det('umbrella', 0.5, [10, 10, 60, 60])], s(1));
    let out = t.hold(s(5));
    expect(out[0]).toMatchObject({ id: 1, lastSeen: s(5), missed: 0, stationary: false });
    out = t.hold(s(11));
    expect(out[0]).toMatchObject({ stationary: true, stationarySince: s(0) });
  });

  it('votes the label by score and reports the median score of the history', () => {
    const t = new Tracker('cam', params);
    const scores = [0.6, 0.9, 0.45, 0.42, 0.44];
    const labels = ['chair', 'bench', 'bench', 'chair', 'chair'];
    let out = t.update([det(labels[0]!, scores[0]!, [0, 0, 100, 100])], s(0));
    for (let i = 1; i < 5; i++) out = t.update([det(labels[i]!, scores[i]!, [0, 0, 100, 100])], s(i));
    // chair 0.6 + 0.42 + 0.44 = 1.46 > bench 0.9 + 0.45 = 1.35, though bench won 2 of the first 3
    expect(out[0]).toMatchObject({ label: 'chair', score: 0.45 });
    expect(median([3, 1, 2, 4])).toBe(2.5);
  });

  it('lets weak detections keep a confirmed track but never start one', () => {
    const t = new Tracker('cam', params);
    t.update([det('person', 0.9, [0, 0, 50, 100])], s(0));
    t.update([det('person', 0.9, [0, 0, 50, 100])], s(1));
    const out = t.update([det('person', 0.35, [2, 0, 52, 100]), det('dog', 0.35, [300, 300, 350, 350])], s(2));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: 1, missed: 0 });
    expect(t.update([det('dog', 0.35, [300, 300, 350, 350])], s(3)).map((x) => x.label)).toEqual(['person']);
  });
});
