/**
 * Evidence files under `<dataDir>/evidence/`, addressed by the sha256 of their content:
 * `<sha[0..2]>/<sha>.<ext>`. Writing the same bytes twice stores one file. Writes are atomic (temp + rename).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, stat, writeFile, copyFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Evidence } from '../../kernel/types/index.ts';

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'video/mp4': 'mp4',
  'video/x-flv': 'flv',
  'application/geo+json': 'geojson',
  'application/json': 'json',
};
const MIME = Object.fromEntries(Object.entries(EXT).map(([m, e]) => [e, m]));

export const SHA256 = /^[0-9a-f]{64}$/;

export interface StoredFile {
  readonly file: string;
  readonly mime: string;
  readonly size: number;
}

export class EvidenceStore {
  constructor(readonly dir: string) {}

  static inDataDir(dataDir: string): EvidenceStore {
    return new EvidenceStore(path.join(dataDir, 'evidence'));
  }

  private relPath(sha: string, mime: string): string {
    const ext = EXT[mime];
    if (!ext) throw new Error(`evidence mime type "${mime}" is not supported`);
    return path.join(sha.slice(0, 2), `${sha}.${ext}`);
  }

  /** Store bytes; returns their Evidence record. */
  async put(data: Buffer, kind: Evidence['kind'], mime: string, ts: number): Promise<Evidence> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const rel = this.relPath(sha256, mime);
    const file = path.join(this.dir, rel);
    if (!existsSync(file)) {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, file);
    }
    return { kind, path: rel, sha256, mime, ts };
  }

  /** Store a copy of a file (a recorded clip); the source is left in place. */
  async putFile(source: string, kind: Evidence['kind'], mime: string, ts: number): Promise<Evidence> {
    const hash = createHash('sha256');
    await new Promise<void>((resolve, reject) => {
      createReadStream(source)
        .on('data', (d) => hash.update(d))
        .on('end', () => resolve())
        .on('error', reject);
    });
    const sha256 = hash.digest('hex');
    const rel = this.relPath(sha256, mime);
    const file = path.join(this.dir, rel);
    if (!existsSync(file)) {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await copyFile(source, tmp);
        await rename(tmp, file);
      } catch (err) {
        await unlink(tmp).catch(() => undefined);
        throw err;
      }
    }
    return { kind, path: rel, sha256, mime, ts };
  }

  /** The stored file with this hash, if any. */
  async find(sha: string): Promise<StoredFile | undefined> {
    if (!SHA256.test(sha)) return undefined;
    for (const [ext, mime] of Object.entries(MIME)) {
      const file = path.join(this.dir, sha.slice(0, 2), `${sha}.${ext}`);
      try {
        const s = await stat(file);
        if (s.isFile()) return { file, mime, size: s.size };
      } catch {
        // not this extension
      }
    }
    return undefined;
  }

  /** Absolute path of an Evidence record's file. */
  fileOf(e: Pick<Evidence, 'path'>): string {
    return path.join(this.dir, e.path);
  }
}
