/**
 * GET /api/evidence/<sha256> and GET /api/evidence/<path>: one evidence file from the evidence store, by its content
 * hash or by its Evidence.path ("ab/<sha>.jpg"; files of the older layout "cases/ab/<sha>.jpg" too).
 * Admin, operator and regulator may see any evidence; a handler (处置人员) only evidence attached to a case of their
 * own unit, an inspector only evidence of a case in their grid cells — anything else answers 404, as other units'
 * cases do. Byte ranges for the clip player's seeking; content-addressed files are cached as immutable with their
 * hash as ETag; nothing outside the directory is served.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { type EvidenceStore, mimeOfFile, SHA256, shaOfFile } from '../kernel/evidence.ts';
import type { ApiEnv, SessionUser } from '../kernel/types/user.ts';
import { HttpError } from '../kernel/http/errors.ts';
import { IMMUTABLE, ONE_DAY, sendFile } from '../kernel/http/send-file.ts';
import { fieldIssues } from '../kernel/http/validate.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';

/** Which evidence a unit may see (the cases module answers it). */
export interface EvidenceAccess {
  /** Is a file with this content hash attached to a case of `unit`? */
  unitCanSee(unit: string, sha256: string): boolean;
  /** Is it attached to a case in one of these grid cells (an inspector's)? Inspectors see nothing without it. */
  cellsCanSee?(cells: readonly string[], sha256: string): boolean;
}

interface Found {
  readonly file: string;
  readonly mime: string;
  /** The content hash the file is named by; undefined for a file that is not content-addressed. */
  readonly sha256?: string;
}

const PREFIX = '/api/evidence/';
const allow = access('dashboard');
const hashParam = z.strictObject({ sha: z.string().regex(SHA256, 'must be a lowercase hex sha256 (64 characters)') });

async function byHash(store: EvidenceStore, raw: string): Promise<Found | undefined> {
  const p = hashParam.safeParse({ sha: raw });
  if (!p.success) throw new HttpError('bad_request', {}, fieldIssues(p.error));
  const found = await store.find(p.data.sha);
  return found && { file: found.file, mime: found.mime, sha256: p.data.sha };
}

function byPath(store: EvidenceStore, raw: string): Found | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const file = store.resolve(rel);
  if (!file) return undefined;
  const sha256 = shaOfFile(file);
  return { file, mime: mimeOfFile(file), ...(sha256 ? { sha256 } : {}) };
}

/** Handlers see the evidence of their own unit's cases, inspectors their cells'; every other role sees all. */
function maySee(user: SessionUser, found: Found, access: EvidenceAccess | undefined): boolean {
  if (user.role === 'inspector')
    return found.sha256 !== undefined && access?.cellsCanSee?.(user.cells ?? [], found.sha256) === true;
  if (user.role !== 'handler') return true;
  return user.unit !== undefined && found.sha256 !== undefined && access?.unitCanSee(user.unit, found.sha256) === true;
}

export function evidenceRoutes(store: EvidenceStore, access: () => EvidenceAccess | undefined): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const summary =
    'An evidence file (snapshot, annotated image, clip, track, photo) by its sha256 or its path; a handler ' +
    "gets only their unit's cases' evidence.";
  app.get(`${PREFIX}*`, allow(ANY_ROLE, summary), async (c) => {
    const user = c.get('user');
    if (!user) throw new HttpError('unauthenticated');
    // Hono decodes the path but leaves "%2F", so one raw segment is always a hash, never a path.
    const raw = c.req.path.slice(PREFIX.length);
    const found = raw.includes('/') ? byPath(store, raw) : await byHash(store, raw);
    const what = `evidence ${raw}`;
    if (!found || !maySee(user, found, access())) throw new HttpError('not_found', { what });
    return sendFile(c, found.file, {
      mime: found.mime,
      cacheControl: found.sha256 ? IMMUTABLE : ONE_DAY,
      what,
      ...(found.sha256 ? { sha256: found.sha256 } : {}),
    });
  });
  return app;
}
