import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { annotateFrame, colourFor, detectionMarks, escapeXml, overlaySvg } from './annotate.ts';
import { det, solidFrame } from './testing.ts';

describe('annotate', () => {
  it('builds an SVG overlay with boxes, escaped labels and zone outlines', () => {
    const svg = overlaySvg(640, 360, {
      boxes: detectionMarks([det('person', 0.873, [10, 20, 110, 220])]),
      outlines: [
        {
          points: [
            [0, 0],
            [100, 0],
            [100, 50],
          ],
          label: '人民路 <东侧> & 人行道',
        },
      ],
    });
    expect(svg).toContain('<rect x="10.0" y="20.0" width="100.0" height="200.0"');
    expect(svg).toContain('>person 0.87</text>');
    expect(svg).toContain('人民路 &lt;东侧&gt; &amp; 人行道');
    expect(svg).toContain('<polygon points="0.0,0.0 100.0,0.0 100.0,50.0"');
    expect(escapeXml(`"a'`)).toBe('&quot;a&apos;');
    expect(colourFor('person')).toBe(colourFor('person'));
  });

  it('draws onto the frame: same size, box edge coloured, elsewhere untouched', async () => {
    const frame = solidFrame(200, 100, [0, 0, 0]);
    const png = await annotateFrame(frame, {
      boxes: [{ box: { x1: 50, y1: 30, x2: 150, y2: 90 }, label: 'car', colour: '#ff0000' }],
      format: 'png',
    });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([200, 100]);
    const px = (x: number, y: number): number[] => [
      ...data.subarray((y * 200 + x) * info.channels, (y * 200 + x) * info.channels + 3),
    ];
    expect(px(50, 60)[0]).toBeGreaterThan(200); // on the left edge
    expect(px(100, 60)).toEqual([0, 0, 0]); // inside the box
    expect(px(5, 95)).toEqual([0, 0, 0]);
    const jpeg = await annotateFrame(frame, { boxes: [] });
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
  });
});
