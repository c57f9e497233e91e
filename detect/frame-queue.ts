/** Bounded per-camera frame queue: when analysis falls behind, the oldest waiting frame is dropped (and counted). */
import type { Frame } from '../kernel/types/index.ts';

export class FrameQueue {
  private readonly items: Frame[] = [];
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`queue capacity must be ≥ 1, got ${capacity}`);
  }

  /** Add a frame; returns the frame dropped to make room, if any. */
  push(frame: Frame): Frame | undefined {
    this.items.push(frame);
    if (this.items.length <= this.capacity) return undefined;
    this.dropped++;
    return this.items.shift();
  }

  shift(): Frame | undefined {
    return this.items.shift();
  }

  get length(): number {
    return this.items.length;
  }

  clear(): number {
    return this.items.splice(0).length;
  }
}
