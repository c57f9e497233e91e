import { describe, expect, it } from 'vitest';
import { gridAreas } from './grid-areas.ts';

describe('gridAreas', () => {
  it('takes the longest configured prefix per level and names it', () => {
    const a = gridAreas({
      areas: [
        { code: '440307001', name: '龙城街道', level: 'street' },
        { code: '440307002', name: '龙岗街道', level: 'street' },
        { code: '440307001001', name: '回龙埔社区', level: 'community' },
        { code: '4403070010011', name: '回龙埔北片', level: 'community' },
      ],
    });
    expect(a.of('440307001001001', 'street')).toBe('440307001');
    expect(a.of('440307002005001', 'street')).toBe('440307002');
    expect(a.of('4403070010011007', 'community')).toBe('4403070010011');
    expect(a.of('440307001001201', 'community')).toBe('440307001001');
    expect(a.of('440307001009001', 'community')).toBeUndefined();
    expect(a.of('999', 'street')).toBeUndefined();
    expect(a.of(undefined, 'street')).toBeUndefined();
    expect(a.name('440307001')).toBe('龙城街道');
    expect(a.name('440307009')).toBe('440307009');
  });

  it('falls back to the code layout district 6 + street 3 + community 3 when no areas are configured', () => {
    const a = gridAreas({ areas: [] });
    expect(a.of('3403020010020003', 'street')).toBe('340302001');
    expect(a.of('3403020010020003', 'community')).toBe('340302001002');
    expect(a.of('340302001', 'street')).toBeUndefined();
  });
});
