/**
 * Shrink a camera photo in the browser before upload: decoded with its EXIF orientation applied, drawn on a canvas
 * with the long side at most 1600 px, encoded as JPEG. A 12-megapixel phone photo (4–8 MB) becomes ~300–600 KB.
 */
export const LONG_SIDE = 1600;
export const JPEG_QUALITY = 0.85;

/** The size to draw at: the same aspect, the long side ≤ `max`, never enlarged, whole pixels ≥ 1. */
export function fitWithin(width: number, height: number, max = LONG_SIDE): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new Error(`not an image size: ${width}×${height}`);
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface Shrunk {
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
}

/** The photo as a JPEG with the long side ≤ `max` px; a file the browser cannot decode throws. */
export async function shrinkPhoto(file: Blob, max = LONG_SIDE, quality = JPEG_QUALITY): Promise<Shrunk> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const size = fitWithin(bitmap.width, bitmap.height, max);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (!blob) throw new Error('the photo could not be encoded');
    return { blob, ...size };
  } finally {
    bitmap.close();
  }
}
