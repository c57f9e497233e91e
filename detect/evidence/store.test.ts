import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../kernel/testing.ts';
import { EvidenceStore } from './store.ts';

describe('evidence store', () => {
  it('stores bytes under their sha256, once, and finds them again', async () => {
    const store = EvidenceStore.inDataDir(tempDir());
    const data = Buffer.from('not really a jpeg');
    const sha = createHash('sha256').update(data).digest('hex');
    const e = await store.put(data, 'snapshot', 'image/jpeg', 1234);
    expect(e).toEqual({ kind: 'snapshot', path: path.join(sha.slice(0, 2), `${sha}.jpg`), sha256: sha, mime: 'image/jpeg', ts: 1234 });
    expect(readFileSync(store.fileOf(e))).toEqual(data);
    const again = await store.put(data, 'annotated', 'image/jpeg', 99);
    expect(again.path).toBe(e.path);
    expect(await store.find(sha)).toMatchObject({ mime: 'image/jpeg', size: data.length });
    expect(await store.find('0'.repeat(64))).toBeUndefined();
    expect(await store.find('../../etc/passwd')).toBeUndefined();
  });

  it('copies a file (a clip) by content hash and rejects unknown types', async () => {
    const dir = tempDir();
    const src = path.join(dir, 'seg.mp4');
    writeFileSync(src, Buffer.alloc(100_000, 7));
    const store = EvidenceStore.inDataDir(dir);
    const e = await store.putFile(src, 'clip', 'video/mp4', 5);
    expect(e.sha256).toBe(createHash('sha256').update(Buffer.alloc(100_000, 7)).digest('hex'));
    expect(readFileSync(store.fileOf(e)).length).toBe(100_000);
    await expect(store.put(Buffer.from('x'), 'photo', 'text/html', 1)).rejects.toThrow(/text\/html/);
  });
});
