/**
 * The multipart forms an inspector's phone sends: fields as strings plus up to MAX_PHOTOS "photo" files, each a JPEG,
 * PNG or WebP by its content (magic bytes, not only the declared type) of 1 byte to 10 MB. Problems are 400s naming
 * the field.
 */
import type { Context } from 'hono';
import type { BodyLimitRule } from '../../kernel/http/body-limit.ts';
import { HttpError } from '../../kernel/http/errors.ts';

export const MAX_PHOTOS = 4;
const MAX_PHOTO = 10 * 1024 * 1024;

/** Body limit of the inspector's forms: the photos plus room for the fields and the multipart framing. */
export const INSPECTOR_BODY_LIMIT: BodyLimitRule = {
  method: 'POST',
  path: /^\/api\/inspector\/(reports|tasks\/[^/]+\/check)$/,
  maxBytes: MAX_PHOTOS * MAX_PHOTO + 64 * 1024,
};

export function fieldError(field: string, detail: string): HttpError {
  const name = `body.${field}`;
  return new HttpError('bad_request', { detail: `${name}: ${detail}` }, [
    { field: name, key: 'validation.custom', params: { field: name, detail } },
  ]);
}

/** The image type its first bytes say, if it is one we keep. */
export function sniffImage(b: Buffer): string | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return undefined;
}

export interface Photo {
  readonly data: Buffer;
  readonly mime: string;
}

export interface Form {
  readonly fields: Readonly<Record<string, string>>;
  readonly photos: readonly Photo[];
}

export async function readForm(c: Context): Promise<Form> {
  const type = c.req.header('Content-Type') ?? '';
  if (!type.startsWith('multipart/form-data')) throw fieldError('photo', 'send multipart/form-data');
  const body = await c.req.parseBody({ all: true }).catch(() => {
    throw fieldError('photo', 'not a readable multipart/form-data body');
  });
  const fields: Record<string, string> = {};
  const files: File[] = [];
  for (const [k, v] of Object.entries(body)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item instanceof File) {
        if (k !== 'photo') throw fieldError(k, 'only "photo" may be a file');
        files.push(item);
      } else if (typeof item === 'string') {
        if (k in fields) throw fieldError(k, 'given twice');
        fields[k] = item;
      }
    }
  }
  if (files.length > MAX_PHOTOS) throw fieldError('photo', `at most ${MAX_PHOTOS} photos`);
  const photos: Photo[] = [];
  for (const [i, f] of files.entries()) {
    if (f.size === 0 || f.size > MAX_PHOTO) throw fieldError(`photo[${i}]`, 'must be 1 byte to 10 MB');
    const data = Buffer.from(await f.arrayBuffer());
    const mime = sniffImage(data);
    if (!mime) throw fieldError(`photo[${i}]`, `not a JPEG, PNG or WebP image (sent as "${f.type}")`);
    photos.push({ data, mime });
  }
  return { fields, photos };
}
