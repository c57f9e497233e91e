/**
 * The one evidence store: files under `<dataDir>/evidence/`, addressed by the sha256 of their content, as
 * `<sha[0..2]>/<sha>.<ext>`; Evidence.path is relative to that directory. Writing the same bytes twice stores one file;
 * writes are atomic (temp file + rename). Files stored earlier by the cases module as `cases/<sha[0..2]>/<sha>.<ext>`
 * are still read: by the Evidence.path they were given (`resolve`), or by hash (`find`). Only regular files whose
 * real path is inside the store are ever given out: a symbolic link (or a linked folder) planted in it is not followed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, mkdirSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Evidence } from './types/index.ts';

const EXT: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/x-flv': 'flv',
  'application/geo+json': 'geojson',
  'application/json': 'json',
};
const MIME: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(EXT).map(([m, e]) => [e, m])),
  jpeg: 'image/jpeg',
};
/** Where hashes are looked for: the layout written now, then the cases module's earlier one. */
const LAYOUTS: readonly string[] = ['', 'cases'];

export const SHA256 = /^[0-9a-f]{64}$/;

export interface StoredFile {
  readonly file: string;
  readonly mime: string;
  readonly size: number;
}

/** The content type of an evidence file by its extension (octet-stream when unknown). */
export function mimeOfFile(file: string): string {
  return MIME[path.extname(file).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

/** The sha256 an evidence file is named by ("<sha>.<ext>"), or undefined for any other name. */
export function shaOfFile(file: string): string | undefined {
  const m = /^([0-9a-f]{64})\.[a-z0-9]+$/.exec(path.basename(file));
  return m?.[1];
}

export class EvidenceStore {
  constructor(readonly dir: string) {}

  static inDataDir(dataDir: string): EvidenceStore {
    return new EvidenceStore(path.join(dataDir, 'evidence'));
  }

  /** Store bytes; returns their Evidence record. */
  async put(data: Buffer, kind: Evidence['kind'], mime: string, ts: number): Promise<Evidence> {
    const ev = this.describe(createHash('sha256').update(data).digest('hex'), kind, mime, ts);
    const file = this.fileOf(ev);
    if (!existsSync(file)) {
      await mkdir(path.dirname(file), { recursive: true });
      await this.atomically(file, (tmp) => writeFile(tmp, data));
    }
    return ev;
  }

  /** The same as `put`, for synchronous code (inside a database transaction). */
  putSync(data: Buffer, kind: Evidence['kind'], mime: string, ts: number): Evidence {
    const ev = this.describe(createHash('sha256').update(data).digest('hex'), kind, mime, ts);
    const file = this.fileOf(ev);
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = tempName(file);
      writeFileSync(tmp, data);
      renameSync(tmp, file);
    }
    return ev;
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
    const ev = this.describe(hash.digest('hex'), kind, mime, ts);
    const file = this.fileOf(ev);
    if (!existsSync(file)) {
      await mkdir(path.dirname(file), { recursive: true });
      await this.atomically(file, (tmp) => copyFile(source, tmp));
    }
    return ev;
  }

  /** The stored file with this hash, if any (in either layout). */
  async find(sha: string): Promise<StoredFile | undefined> {
    if (!SHA256.test(sha)) return undefined;
    for (const layout of LAYOUTS) {
      for (const [ext, mime] of Object.entries(MIME)) {
        const file = path.join(this.dir, layout, sha.slice(0, 2), `${sha}.${ext}`);
        const s = await stat(file).catch(() => undefined);
        if (s?.isFile() && this.safe(file)) return { file, mime, size: s.size };
      }
    }
    return undefined;
  }

  /** Absolute path of an Evidence record's file (not checked: see `resolve`). */
  fileOf(e: Pick<Evidence, 'path'>): string {
    return path.join(this.dir, e.path);
  }

  /**
   * Absolute path of an existing file at `rel` (an Evidence.path), or undefined when it escapes the directory or is
   * missing.
   */
  resolve(rel: string): string | undefined {
    const abs = path.resolve(this.dir, rel);
    const inside = path.relative(this.dir, abs);
    if (!inside || inside.startsWith('..') || path.isAbsolute(inside) || !this.safe(abs)) return undefined;
    return abs;
  }

  /** A regular file, not a symbolic link, whose real path (every folder on the way resolved) is in the store. */
  private safe(abs: string): boolean {
    try {
      if (!lstatSync(abs).isFile()) return false;
      return realpathSync(abs).startsWith(realpathSync(this.dir) + path.sep);
    } catch {
      return false; // missing, or unreadable
    }
  }

  private describe(sha256: string, kind: Evidence['kind'], mime: string, ts: number): Evidence {
    const ext = EXT[mime];
    if (!ext) throw new Error(`evidence mime type "${mime}" is not supported (${Object.keys(EXT).join(', ')})`);
    return { kind, path: path.posix.join(sha256.slice(0, 2), `${sha256}.${ext}`), sha256, mime, ts };
  }

  private async atomically(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const tmp = tempName(file);
    try {
      await write(tmp);
      await rename(tmp, file);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }
}

function tempName(file: string): string {
  return `${file}.${randomBytes(4).toString('hex')}.tmp`;
}
