import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidenceStore, mimeOfFile, shaOfFile } from './evidence.ts';
import { tempDir } from './testing.ts';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('evidence store', () => {
  it('stores bytes under their sha256, once, and finds them again', async () => {
    const store = EvidenceStore.inDataDir(tempDir());
    const data = Buffer.from('not really a jpeg');
    const h = sha(data);
    const e = await store.put(data, 'snapshot', 'image/jpeg', 1234);
    expect(e).toEqual({
      kind: 'snapshot',
      path: path.join(h.slice(0, 2), `${h}.jpg`),
      sha256: h,
      mime: 'image/jpeg',
      ts: 1234,
    });
    expect(readFileSync(store.fileOf(e))).toEqual(data);
    const again = await store.put(data, 'annotated', 'image/jpeg', 99);
    expect(again.path).toBe(e.path);
    expect(await store.find(h)).toMatchObject({ mime: 'image/jpeg', size: data.length });
    expect(await store.find('0'.repeat(64))).toBeUndefined();
    expect(await store.find('../../etc/passwd')).toBeUndefined();
  });

  it('writes synchronously to the same layout, leaving no temp file behind', () => {
    const store = EvidenceStore.inDataDir(tempDir());
    const data = Buffer.from('{"type":"Feature"}');
    const e = store.putSync(data, 'track', 'application/geo+json', 7);
    expect(e.path).toBe(`${sha(data).slice(0, 2)}/${sha(data)}.geojson`);
    expect(readFileSync(store.fileOf(e))).toEqual(data);
    expect(store.putSync(data, 'track', 'application/geo+json', 8).path).toBe(e.path);
    expect(readdirSync(path.dirname(store.fileOf(e)))).toEqual([`${sha(data)}.geojson`]);
    expect(() => store.putSync(data, 'photo', 'text/plain', 1)).toThrow(/text\/plain/);
  });

  it('copies a file (a clip) by content hash and rejects unknown types', async () => {
    const dir = tempDir();
    const src = path.join(dir, 'seg.mp4');
    writeFileSync(src, Buffer.alloc(100_000, 7));
    const store = EvidenceStore.inDataDir(dir);
    const e = await store.putFile(src, 'clip', 'video/mp4', 5);
    expect(e.sha256).toBe(sha(Buffer.alloc(100_000, 7)));
    expect(readFileSync(store.fileOf(e)).length).toBe(100_000);
    await expect(store.put(Buffer.from('x'), 'photo', 'text/html', 1)).rejects.toThrow(/text\/html/);
  });

  it('still reads files of the earlier cases/ layout, by their path and by hash', async () => {
    const store = EvidenceStore.inDataDir(tempDir());
    const data = Buffer.from('old feedback photo');
    const rel = `cases/${sha(data).slice(0, 2)}/${sha(data)}.webp`;
    mkdirSync(path.dirname(path.join(store.dir, rel)), { recursive: true });
    writeFileSync(path.join(store.dir, rel), data);
    expect(store.resolve(rel)).toBe(path.join(store.dir, rel));
    expect(await store.find(sha(data))).toEqual({
      file: path.join(store.dir, rel),
      mime: 'image/webp',
      size: data.length,
    });
  });

  it('resolves only existing files inside its directory', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    const store = EvidenceStore.inDataDir(dir);
    expect(store.resolve('../secret.txt')).toBeUndefined();
    expect(store.resolve(path.join(dir, 'secret.txt'))).toBeUndefined();
    expect(store.resolve('ab/none.jpg')).toBeUndefined();
    expect(store.resolve('')).toBeUndefined();
  });

  it('names types and hashes from file names', () => {
    expect(mimeOfFile('ab/x.JPEG')).toBe('image/jpeg');
    expect(mimeOfFile('ab/x.geojson')).toBe('application/geo+json');
    expect(mimeOfFile('ab/x.exe')).toBe('application/octet-stream');
    expect(shaOfFile(`cases/ab/${'ab'.repeat(32)}.jpg`)).toBe('ab'.repeat(32));
    expect(shaOfFile('ab/clip.mp4')).toBeUndefined();
  });
});
