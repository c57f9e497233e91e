/** Annotated evidence images through detect/annotate.ts: zone outline, the finding's region (red) and its boxes. */
import type { XY } from '../../kernel/geo.ts';
import type { Box, Frame } from '../../kernel/types/index.ts';
import { annotateFrame, type BoxMark } from '../annotate.ts';
import { pixelBox } from '../rules/geometry.ts';

export interface Annotation {
  /** Zone outline, relative coordinates, with its name. */
  readonly zone?: readonly XY[];
  readonly zoneName?: string;
  /** The finding's region, relative coordinates; `caption` is written on it. */
  readonly region?: Box;
  readonly caption?: string;
  /** Object boxes in frame pixels. */
  readonly boxes?: readonly { readonly label: string; readonly score: number; readonly box: Box }[];
}

export function annotatedJpeg(frame: Frame, a: Annotation, quality = 85): Promise<Buffer> {
  const outlines = a.zone
    ? [
        {
          points: a.zone.map(([x, y]) => [x * frame.width, y * frame.height] as const),
          label: a.zoneName,
          colour: '#ffc800',
        },
      ]
    : [];
  const boxes: BoxMark[] = (a.boxes ?? []).map((b) => ({ box: b.box, label: `${b.label} ${b.score.toFixed(2)}` }));
  if (a.region)
    boxes.push({ box: pixelBox(a.region, frame.width, frame.height), label: a.caption ?? '', colour: '#ff3030' });
  return annotateFrame(frame, { outlines, boxes, quality });
}
