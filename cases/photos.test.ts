import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { defaultTexts } from '../kernel/messages/texts.ts';
import { checkPhoto, type PhotoCheck } from './photos.ts';

const image = (format: 'jpeg' | 'png' | 'gif'): Promise<Buffer> =>
  sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .toFormat(format)
    .toBuffer();
const words = (r: PhotoCheck, locale: 'zh-CN' | 'en' = 'en'): string =>
  r.ok ? '' : defaultTexts.render(r.text, locale);

describe('feedback photo checks (by the bytes)', () => {
  it('accepts a JPEG sent as image/jpeg, with its size', async () => {
    expect(await checkPhoto(await image('jpeg'), 'image/jpeg', 1e6)).toEqual({
      ok: true,
      mime: 'image/jpeg',
      width: 32,
      height: 24,
    });
  });
  it('refuses bytes that are not an image, naming the declared type', async () => {
    const r = await checkPhoto(Buffer.from('%PDF-1.7 not a picture'), 'image/jpeg', 1e6);
    expect(r).toMatchObject({ ok: false, problem: 'not_image' });
    expect(words(r)).toBe('the file is not an image (declared "image/jpeg")');
    expect(words(r, 'zh-CN')).toBe('上传的文件不是图片（声明的类型为“image/jpeg”）');
  });
  it('refuses a forged content type: PNG bytes declared as JPEG', async () => {
    const r = await checkPhoto(await image('png'), 'image/jpeg', 1e6);
    expect(r).toMatchObject({ ok: false, problem: 'forged' });
    expect(words(r)).toContain('declared "image/jpeg" but the bytes are image/png');
  });
  it('refuses an image format it does not keep (GIF), and an empty file', async () => {
    const gif = await checkPhoto(await image('gif'), 'image/gif', 1e6);
    expect(gif).toMatchObject({ ok: false, problem: 'format' });
    expect(words(gif)).toContain('a GIF image is not accepted');
    expect(await checkPhoto(Buffer.alloc(0), 'image/jpeg', 1e6)).toMatchObject({ ok: false, problem: 'empty' });
  });
  it('refuses a file over the limit before decoding it, naming both sizes', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0xff);
    const r = await checkPhoto(big, 'image/jpeg', 2 * 1024 * 1024);
    expect(r).toMatchObject({ ok: false, problem: 'too_large' });
    expect(words(r)).toBe('the photo is 3.0 MB, more than the limit of 2.0 MB');
  });
});
