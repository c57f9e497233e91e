/**
 * The multipart forms an inspector's phone sends: fields as strings plus up to MAX_PHOTOS "photo" files, each checked
 * by its bytes like every uploaded photo (cases/photos.ts: an image, JPEG/PNG/WebP, the declared type matching, at
 * most cases.limits.photoMaxMb). Problems are 400s naming the field.
 */
import type { Context } from 'hono';
import type { BodyLimitRule } from '../../kernel/http/body-limit.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { checkPhoto } from '../photos.ts';

export const MAX_PHOTOS = 4;
/** Body limit of the inspector's forms: the photos plus room for the fields and the multipart framing. */
export function inspectorBodyLimit(maxPhotoBytes: number): BodyLimitRule {
  return {
    method: 'POST',
    path: /^\/api\/inspector\/(reports|tasks\/[^/]+\/check)$/,
    maxBytes: MAX_PHOTOS * maxPhotoBytes + 64 * 1024,
  };
}

export function fieldError(field: string, detail: string): HttpError {
  const name = `body.${field}`;
  return new HttpError('bad_request', { detail: `${name}: ${detail}` }, [
    { field: name, key: 'validation.custom', params: { field: name, detail } },
  ]);
}

export interface Photo {
  readonly data: Buffer;
  readonly mime: string;
}

export interface Form {
  readonly fields: Readonly<Record<string, string>>;
  readonly photos: readonly Photo[];
}

export async function readForm(c: Context, maxPhotoBytes: number): Promise<Form> {
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
    const data = Buffer.from(await f.arrayBuffer());
    const checked = await checkPhoto(data, f.type, maxPhotoBytes);
    if (!checked.ok) throw fieldError(`photo[${i}]`, checked.detail);
    photos.push({ data, mime: checked.mime });
  }
  return { fields, photos };
}
