/**
 * The built UI (dashboard/web/dist, git-ignored): is it there and newer than its sources? `ensureWebBuild()` runs
 * the Vite build when not, under a lock file so parallel test files build once. Run directly (scripts/setup.sh):
 * `node --import tsx dashboard/web-build.ts` builds only when missing or stale.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appRoot } from '../kernel/app-root.ts';

export const webDir = path.join(appRoot, 'dashboard', 'web');
export const distDir = path.join(webDir, 'dist');
const stampFile = path.join(distDir, '.build-stamp');
/** Outside the tree (nothing to git-ignore), one per checkout. */
const lockFile = path.join(
  tmpdir(),
  `gridwatch-web-build-${createHash('sha1').update(webDir).digest('hex').slice(0, 12)}.lock`,
);

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

export type BuildState = 'fresh' | 'stale' | 'missing';

export function webBuildState(): BuildState {
  if (!existsSync(stampFile) || !existsSync(path.join(distDir, 'index.html'))) return 'missing';
  const sources = ['src', 'index.html', 'vite.config.ts'].map((f) => path.join(webDir, f));
  const newest = Math.max(...sources.filter(existsSync).map(newestMtime));
  return newest > statSync(stampFile).mtimeMs ? 'stale' : 'fresh';
}

async function withLock<T>(fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch {
      // A lock older than the timeout is left over from a killed build.
      if (existsSync(lockFile) && Date.now() - statSync(lockFile).mtimeMs > timeoutMs) unlinkSync(lockFile);
      if (Date.now() > deadline) throw new Error(`web build lock ${lockFile} held too long`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    unlinkSync(lockFile);
  }
}

/** Build the UI when it is missing or older than its sources; returns what it found. */
export async function ensureWebBuild(): Promise<BuildState> {
  const before = webBuildState();
  if (before === 'fresh') return before;
  await withLock(async () => {
    if (webBuildState() === 'fresh') return; // another process built it while we waited
    const { build } = await import('vite');
    await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' }); // writes the stamp
  });
  return before;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const state = await ensureWebBuild();
  process.stdout.write(`dashboard UI: ${state === 'fresh' ? 'up to date' : `built (was ${state})`} in ${distDir}\n`);
}
