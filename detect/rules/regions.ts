/** Binary masks → blobs: a 3×3 opening against speckle, then 4-connected components with their boxes. */

export interface Blob {
  /** Inclusive pixel bounds in the mask grid. */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly pixels: number;
  /** Indices of the blob's pixels. */
  readonly members: readonly number[];
}

function morph(mask: Uint8Array, w: number, h: number, keep: (n: number) => boolean): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w && mask[yy * w + xx]) n++;
        }
      }
      out[y * w + x] = keep(n) ? 1 : 0;
    }
  }
  return out;
}

/** Erode (a pixel survives with ≥ 7 of 9 set) then dilate (set when any neighbour is): removes 1–2 px noise. */
export function open(mask: Uint8Array, w: number, h: number): Uint8Array {
  const eroded = morph(mask, w, h, (n) => n >= 7);
  const dilated = morph(eroded, w, h, (n) => n > 0);
  for (let i = 0; i < mask.length; i++) dilated[i] = dilated[i]! & mask[i]!;
  return dilated;
}

export function blobs(mask: Uint8Array, w: number, h: number, minPixels = 1): Blob[] {
  const seen = new Uint8Array(mask.length);
  const out: Blob[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const members: number[] = [];
    const stack = [start];
    seen[start] = 1;
    let x1 = w;
    let y1 = h;
    let x2 = 0;
    let y2 = 0;
    while (stack.length > 0) {
      const i = stack.pop()!;
      members.push(i);
      const x = i % w;
      const y = (i - x) / w;
      x1 = Math.min(x1, x);
      x2 = Math.max(x2, x);
      y1 = Math.min(y1, y);
      y2 = Math.max(y2, y);
      const next = [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1];
      for (const j of next) {
        if (j >= 0 && mask[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    if (members.length >= minPixels) out.push({ x1, y1, x2, y2, pixels: members.length, members });
  }
  return out;
}

/** Merge blobs whose boxes touch or lie within `gap` pixels of each other (the parts of one bag). */
export function mergeNear(list: readonly Blob[], gap = 2): Blob[] {
  const out = [...list];
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        const a = out[i]!;
        const b = out[j]!;
        if (a.x1 - gap > b.x2 || b.x1 - gap > a.x2 || a.y1 - gap > b.y2 || b.y1 - gap > a.y2) continue;
        out[i] = {
          x1: Math.min(a.x1, b.x1),
          y1: Math.min(a.y1, b.y1),
          x2: Math.max(a.x2, b.x2),
          y2: Math.max(a.y2, b.y2),
          pixels: a.pixels + b.pixels,
          members: [...a.members, ...b.members],
        };
        out.splice(j, 1);
        merged = true;
      }
    }
  }
  return out;
}
