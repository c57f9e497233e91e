/**
 * PaddleDetection exports with multiclass NMS inside the graph: [K, 6] rows [class, score, x1, y1, x2, y2], boxes
 * already in frame pixels (the graph divides by its scale_factor input). Rows are not sorted; low scores included.
 */
import { type Candidates, tensorOf, type DecodeContext, type Decoder, type TensorView } from './candidates.ts';

export class PicodetNmsDecoder implements Decoder {
  readonly nmsInGraph = true;
  readonly outputs: readonly string[];
  /** Boxes are in frame pixels when the graph got a scale_factor input, else in input pixels. */
  readonly space: 'canvas' | 'frame';

  constructor(
    private readonly name: string,
    hasScaleFactor: boolean,
  ) {
    this.outputs = [name];
    this.space = hasScaleFactor ? 'frame' : 'canvas';
  }

  decode(outputs: ReadonlyMap<string, TensorView>, ctx: DecodeContext, out: Candidates): void {
    const t = tensorOf(outputs, this.name);
    const [rows = 0, cols = 0] = t.dims;
    if (t.dims.length !== 2 || cols !== 6)
      throw new Error(`picodet-nms output "${this.name}" has shape [${t.dims.join(', ')}], expected [K, 6]`);
    if (ctx.slot !== 0) throw new Error('picodet-nms graphs return one image per run');
    const d = t.data;
    for (let r = 0; r < rows; r++) {
      const o = r * 6;
      const score = d[o + 1]!;
      const cls = d[o]!;
      if (score < ctx.scoreThreshold || cls < 0 || cls >= ctx.numClasses) continue;
      out.push(d[o + 2]!, d[o + 3]!, d[o + 4]!, d[o + 5]!, score, cls);
    }
  }
}
