/** Where a frame lands on the model canvas, and how to map model-canvas boxes back to frame pixels. */
import type { Box } from '../kernel/types/index.ts';
import type { ModelInput } from './manifest.ts';

export interface Placement {
  readonly frameWidth: number;
  readonly frameHeight: number;
  /** Canvas (input tensor) size for this frame: the manifest size, or smaller for a dynamic graph. */
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  /** Canvas pixels per frame pixel, horizontally and vertically (equal for letterbox). */
  readonly scaleX: number;
  readonly scaleY: number;
  /** Size of the resized frame on the canvas. */
  readonly width: number;
  readonly height: number;
  /** Its top-left corner on the canvas. */
  readonly dx: number;
  readonly dy: number;
}

type Geometry = Pick<ModelInput, 'width' | 'height' | 'resize' | 'align' | 'dynamic'>;

const roundUp = (v: number, m: number): number => Math.ceil(v / m) * m;

export function placement(frameWidth: number, frameHeight: number, input: Geometry): Placement {
  if (input.resize === 'stretch') {
    const { width, height } = input;
    return {
      frameWidth,
      frameHeight,
      canvasWidth: width,
      canvasHeight: height,
      scaleX: width / frameWidth,
      scaleY: height / frameHeight,
      width,
      height,
      dx: 0,
      dy: 0,
    };
  }
  const r = Math.min(input.width / frameWidth, input.height / frameHeight);
  const width = Math.min(input.width, Math.max(1, Math.round(frameWidth * r)));
  const height = Math.min(input.height, Math.max(1, Math.round(frameHeight * r)));
  const m = input.dynamic?.multiple;
  const canvasWidth = m ? Math.min(input.width, roundUp(width, m)) : input.width;
  const canvasHeight = m ? Math.min(input.height, roundUp(height, m)) : input.height;
  const center = input.align === 'center';
  const dx = center ? Math.floor((canvasWidth - width) / 2) : 0;
  const dy = center ? Math.floor((canvasHeight - height) / 2) : 0;
  return { frameWidth, frameHeight, canvasWidth, canvasHeight, scaleX: r, scaleY: r, width, height, dx, dy };
}

/** Canvas box (x1,y1,x2,y2) → frame pixels, clipped to the frame. */
export function toFrameBox(p: Placement, x1: number, y1: number, x2: number, y2: number): Box {
  const clipX = (v: number): number => Math.min(p.frameWidth, Math.max(0, v));
  const clipY = (v: number): number => Math.min(p.frameHeight, Math.max(0, v));
  return {
    x1: clipX((x1 - p.dx) / p.scaleX),
    y1: clipY((y1 - p.dy) / p.scaleY),
    x2: clipX((x2 - p.dx) / p.scaleX),
    y2: clipY((y2 - p.dy) / p.scaleY),
  };
}

/** Box already in frame pixels (graphs that map boxes back themselves), clipped to the frame. */
export function clipToFrame(p: Placement, x1: number, y1: number, x2: number, y2: number): Box {
  return toFrameBox({ ...p, dx: 0, dy: 0, scaleX: 1, scaleY: 1 }, x1, y1, x2, y2);
}
