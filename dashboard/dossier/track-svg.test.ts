import { describe, expect, it } from 'vitest';
import { niceScale, trackShape, trackSvg } from './track-svg.ts';

const geo = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { role: 'track' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [114.25, 22.72],
          [114.252, 22.721],
          [null, 1],
        ],
      },
    },
    { type: 'Feature', properties: { role: 'where' }, geometry: { type: 'Point', coordinates: [114.252, 22.721] } },
  ],
};
const roads = [
  {
    id: 'a',
    name: '龙岗大道',
    coords: [
      [114.249, 22.7202],
      [114.253, 22.7208],
    ] as [number, number][],
  },
  {
    id: 'far',
    name: '远处的路',
    coords: [
      [114.4, 22.9],
      [114.41, 22.91],
    ] as [number, number][],
  },
  {
    id: 'x',
    name: '<script>',
    coords: [
      [114.251, 22.7201],
      [114.2512, 22.7209],
    ] as [number, number][],
  },
];

describe('track map', () => {
  it('reads the track line and the place from the evidence, dropping bad points', () => {
    expect(trackShape(geo)).toEqual({
      line: [
        [114.25, 22.72],
        [114.252, 22.721],
      ],
      where: [114.252, 22.721],
    });
    expect(trackShape({})).toEqual({ line: [] });
  });

  it('draws the nearby roads with escaped names, the track, the place and a scale bar', () => {
    const out = trackSvg(trackShape(geo), roads, '轨迹')!;
    expect(out.roads).toBe(2);
    expect(out.svg.match(/class="road"/g)).toHaveLength(2);
    expect(out.svg).toContain('龙岗大道');
    expect(out.svg).not.toContain('远处的路');
    expect(out.svg).not.toContain('<script>');
    expect(out.svg).toContain('&lt;script&gt;');
    expect(out.svg).toMatch(/<path d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+" class="track"\/>/);
    expect(out.svg).toContain('class="where"');
    expect(out.svg).toMatch(/<text x="20" y="\d+">\d+ m<\/text>/);
    expect(trackSvg({ line: [] }, roads, 'x')).toBeUndefined();
  });

  it('picks 1-2-5 scale lengths', () => {
    expect([niceScale(80), niceScale(260), niceScale(999), niceScale(1200)]).toEqual([50, 200, 500, 1000]);
  });
});
