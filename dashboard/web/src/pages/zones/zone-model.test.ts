import { describe, expect, it } from 'vitest';
import { type EditZone, zonesToSave } from './zone-model.ts';

const zone: EditZone = {
  id: 'cam-1-z1',
  kind: 'no-vending',
  polygon: [
    [0, 0],
    [1, 0],
    [1, 1],
  ],
} as EditZone;

describe('保存 with a shape still open', () => {
  it('saves as it is when nothing is being drawn, or drawing has no corner yet', () => {
    expect(zonesToSave('cam-1', [zone], undefined)).toEqual({ kind: 'ok', zones: [zone], finished: false });
    expect(zonesToSave('cam-1', [zone], [])).toEqual({ kind: 'ok', zones: [zone], finished: false });
  });

  it('finishes an open shape of 3+ corners into a new zone saved with the others', () => {
    const open: [number, number][] = [
      [0.1, 0.1],
      [0.5, 0.1],
      [0.5, 0.6],
      [0.1, 0.6],
    ];
    const out = zonesToSave('cam-1', [zone], open);
    expect(out.kind).toBe('ok');
    if (out.kind !== 'ok') return;
    expect(out.finished).toBe(true);
    expect(out.zones).toHaveLength(2);
    expect(out.zones[1]).toMatchObject({ id: 'cam-1-z2', kind: 'no-vending', polygon: open });
  });

  it('stops the save for a shape of 1–2 corners instead of dropping it', () => {
    expect(
      zonesToSave(
        'cam-1',
        [zone],
        [
          [0.1, 0.1],
          [0.2, 0.2],
        ],
      ),
    ).toEqual({ kind: 'incomplete', points: 2 });
  });
});
