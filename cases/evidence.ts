/** Evidence files of cases: content-addressed under DATA/evidence/cases/, served only through authorised routes. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Evidence } from '../kernel/types/index.ts';

const EXT: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'application/geo+json': 'geojson',
  'application/json': 'json',
};

/** The evidence directory every module shares; Evidence.path is relative to it. */
export function evidenceDir(dataDir: string): string {
  return path.join(dataDir, 'evidence');
}

export class EvidenceStore {
  constructor(readonly dir: string) {}

  /** Write (once) and describe a file; the write is atomic (temp file + rename). */
  put(data: Buffer, kind: Evidence['kind'], mime: string, ts: number): Evidence {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const rel = path.posix.join('cases', sha256.slice(0, 2), `${sha256}.${EXT[mime] ?? 'bin'}`);
    const abs = path.join(this.dir, rel);
    if (!existsSync(abs)) {
      mkdirSync(path.dirname(abs), { recursive: true });
      const tmp = `${abs}.${process.pid}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, abs);
    }
    return { kind, path: rel, sha256, mime, ts };
  }

  /** Absolute path of an evidence file, or undefined when it escapes the directory or is missing. */
  resolve(ev: Evidence): string | undefined {
    const abs = path.resolve(this.dir, ev.path);
    const rel = path.relative(this.dir, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel) || !existsSync(abs)) return undefined;
    return abs;
  }
}
