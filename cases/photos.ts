/**
 * Checks on an uploaded feedback photo, by its bytes (never by the declared Content-Type alone): its size against
 * `cases.limits.photoMaxMb`, that the bytes are an image (sharp reads its header), that the format is one we keep
 * (JPEG, PNG, WebP), and that the declared type matches what the bytes are (a PNG sent as image/jpeg is refused).
 * A refusal is a message (kernel/messages) naming the problem, rendered in the reader's language by the route.
 */
import sharp, { type Metadata } from 'sharp';
import { list, msg, type Text } from '../kernel/messages/text.ts';
import { defaultTexts } from '../kernel/messages/texts.ts';

export const PHOTO_FORMATS: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export type PhotoProblem = 'empty' | 'too_large' | 'not_image' | 'format' | 'forged';

export type PhotoCheck =
  | { readonly ok: true; readonly mime: string; readonly width: number; readonly height: number }
  | {
      readonly ok: false;
      readonly problem: PhotoProblem;
      /** The problem as a message: render it in the reader's language. */
      readonly text: Text;
      /** The same in English (logs, and callers that word it themselves). */
      readonly detail: string;
    };

function refuse(problem: PhotoProblem, text: Text): PhotoCheck {
  return { ok: false, problem, text, detail: defaultTexts.render(text, 'en') };
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

export async function checkPhoto(data: Buffer, declared: string, maxBytes: number): Promise<PhotoCheck> {
  if (data.length === 0) return refuse('empty', msg('cases.photo.empty'));
  if (data.length > maxBytes)
    return refuse('too_large', msg('cases.photo.tooLarge', { size: mb(data.length), max: mb(maxBytes) }));
  const type = declared.split(';')[0]!.trim().toLowerCase() || '—';
  let meta: Metadata;
  try {
    meta = await sharp(data).metadata();
  } catch {
    return refuse('not_image', msg('cases.photo.notImage', { declared: type }));
  }
  const mime = meta.format ? PHOTO_FORMATS[meta.format] : undefined;
  if (!mime)
    return refuse(
      'format',
      msg('cases.photo.format', {
        format: (meta.format ?? '?').toUpperCase(),
        allowed: list(Object.values(PHOTO_FORMATS)),
      }),
    );
  if (type !== mime) return refuse('forged', msg('cases.photo.forged', { declared: type, actual: mime }));
  return { ok: true, mime, width: meta.width ?? 0, height: meta.height ?? 0 };
}
