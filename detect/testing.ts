/** Test helpers for detect/: frames, detections, temporary model folders, the shared reference data. */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { repoRoot, sharedDir, tempDir } from '../kernel/testing.ts';
import type { Box, Detection, Frame } from '../kernel/types/index.ts';

export const modelsDir = path.join(repoRoot, 'models');
export const sharedPhotos = path.join(sharedDir, 'media', 'photos');
export const sharedModels = path.join(sharedDir, 'models');
export const hasShared = existsSync(sharedPhotos) && existsSync(sharedModels);

/** A frame filled with one RGB colour, optionally with a rectangle of another. */
export function solidFrame(
  width: number,
  height: number,
  rgb: readonly [number, number, number],
  opts: {
    ts?: number;
    seq?: number;
    cameraId?: string;
    rect?: { box: Box; rgb: readonly [number, number, number] };
  } = {},
): Frame {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  if (opts.rect) {
    const { box, rgb: c } = opts.rect;
    for (let y = Math.max(0, box.y1); y < Math.min(height, box.y2); y++)
      for (let x = Math.max(0, box.x1); x < Math.min(width, box.x2); x++) data.set(c, (y * width + x) * 3);
  }
  return { cameraId: opts.cameraId ?? 'cam', ts: opts.ts ?? 0, seq: opts.seq ?? 0, width, height, data };
}

export function det(
  label: string,
  score: number,
  box: readonly [number, number, number, number],
  classId = 0,
): Detection {
  const [x1, y1, x2, y2] = box;
  return { label, classId, score, box: { x1, y1, x2, y2 }, concepts: label === 'person' ? ['person'] : [] };
}

/**
 * A copy of the shipped yolox-nano folder in a temp dir with `edit` applied to its manifest (or the manifest text
 * replaced when `edit` is a string); returns the models dir.
 */
export function modelCopy(edit: ((m: Record<string, unknown>) => void) | string, name = 'yolox-nano'): string {
  const dir = tempDir('gw-models-');
  cpSync(path.join(modelsDir, name), path.join(dir, name), { recursive: true });
  const file = path.join(dir, name, 'manifest.yaml');
  if (typeof edit === 'string') {
    writeFileSync(file, edit);
  } else {
    const base = defaultManifest(name) as Record<string, unknown>;
    edit(base);
    writeFileSync(file, stringify(base));
  }
  return dir;
}

/** A model folder holding only a manifest (and licence), pointing at an ONNX file anywhere. */
export function manifestOnly(name: string, manifest: Record<string, unknown>): string {
  const dir = tempDir('gw-models-');
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, 'LICENSE.md'), 'test');
  writeFileSync(path.join(dir, name, 'manifest.yaml'), stringify({ licence: 'LICENSE.md', ...manifest }));
  return dir;
}

function defaultManifest(name: string): unknown {
  return parse(readFileSync(path.join(modelsDir, name, 'manifest.yaml'), 'utf8'));
}
