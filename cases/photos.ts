/**
 * Checks on an uploaded feedback photo, by its bytes (never by the declared Content-Type alone): its size against
 * `cases.limits.photoMaxMb`, that the bytes are an image (sharp reads its header), that the format is one we keep
 * (JPEG, PNG, WebP), and that the declared type matches what the bytes are (a PNG sent as image/jpeg is refused).
 */
import sharp, { type Metadata } from 'sharp';

export const PHOTO_FORMATS: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export type PhotoCheck =
  | { readonly ok: true; readonly mime: string; readonly width: number; readonly height: number }
  | {
      readonly ok: false;
      readonly problem: 'empty' | 'too_large' | 'not_image' | 'format' | 'forged';
      readonly detail: string;
    };

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function checkPhoto(data: Buffer, declared: string, maxBytes: number): Promise<PhotoCheck> {
  if (data.length === 0) return { ok: false, problem: 'empty', detail: 'the photo is empty (0 bytes)' };
  if (data.length > maxBytes)
    return {
      ok: false,
      problem: 'too_large',
      detail: `the photo is ${mb(data.length)}, more than the limit of ${mb(maxBytes)} (cases.limits.photoMaxMb)`,
    };
  let meta: Metadata;
  try {
    meta = await sharp(data).metadata();
  } catch {
    return { ok: false, problem: 'not_image', detail: `the file is not an image (declared "${declared || 'none'}")` };
  }
  const mime = meta.format ? PHOTO_FORMATS[meta.format] : undefined;
  if (!mime)
    return {
      ok: false,
      problem: 'format',
      detail: `a ${meta.format ?? 'unknown'} image is not accepted: send ${Object.values(PHOTO_FORMATS).join(', ')}`,
    };
  const type = declared.split(';')[0]!.trim().toLowerCase();
  if (type !== mime)
    return {
      ok: false,
      problem: 'forged',
      detail: `declared "${type || 'none'}" but the bytes are ${mime}: the content type does not match the file`,
    };
  return { ok: true, mime, width: meta.width ?? 0, height: meta.height ?? 0 };
}
