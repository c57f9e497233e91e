/**
 * `npm run bench -- startup [runs]`: start-up time and memory of the compiled build (dist/, `npm run build`) against
 * the TypeScript sources through tsx, for `gridwatch --version` (spawn → exit, peak RSS) and `gridwatch start` on a
 * small config (spawn → /api/health answering 200, RSS then). Runs alternate between the two; medians are reported.
 * Baseline in the same run: a bare `node -e 0`. Builds dist/ first (`--no-build` reuses the one there).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, tempDir } from '../kernel/testing.ts';
import { line, timed } from './report.ts';

type Mode = 'dist' | 'src';
interface Sample {
  readonly ms: number;
  readonly rssMiB: number;
}

const bin = path.join(repoRoot, 'bin', 'gridwatch.mjs');
/** Prints the process's peak RSS (KiB) on stderr as it exits: the same for both modes. */
const PEAK = `--import=data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => process.stderr.write('maxrss=' + process.resourceUsage().maxRSS))",
)}`;

function env(mode: Mode): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: '', GRIDWATCH_RUN: mode };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function exitRun(args: string[], mode: Mode): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [PEAK, ...args], { env: env(mode), stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const kib = /maxrss=(\d+)/.exec(err);
      if (code !== 0 || !kib) reject(new Error(`${args.join(' ')} (${mode}) failed: ${code} ${err}`));
      else resolve({ ms, rssMiB: Number(kib[1]) / 1024 });
    });
  });
}

/** `gridwatch start` until /api/health answers 200; RSS read from /proc at that moment; then SIGTERM. */
async function startRun(mode: Mode): Promise<Sample> {
  const dir = tempDir('gw-bench-startup-');
  const file = path.join(dir, 'gw.yaml');
  writeFileSync(file, 'log: { level: warn }\nmqtt: { mode: embedded, port: 0 }\nmedia: { enabled: false }\n');
  const args = [bin, 'start', '--config', file, '--data', path.join(dir, 'data'), '--port', '0'];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: env(mode), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const url = /gridwatch (http:\/\/\S+) /.exec(out)?.[1];
      const ok = url
        ? await fetch(`${url}/api/health`).then(
            (r) => r.ok,
            () => false,
          )
        : false;
      if (ok) {
        const ms = performance.now() - t0;
        const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return { ms, rssMiB: Number(kib?.[1] ?? 0) / 1024 };
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`gridwatch start (${mode}) did not become healthy: ${out}`);
  } finally {
    await new Promise((r) => {
      child.on('close', r);
      child.kill('SIGTERM');
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(label: string, samples: readonly Sample[]): { ms: number; rssMiB: number } {
  const r = { ms: median(samples.map((s) => s.ms)), rssMiB: median(samples.map((s) => s.rssMiB)) };
  line(`${label} wall (median of ${samples.length})`, r.ms, 'ms');
  line(`${label} RSS`, r.rssMiB, 'MiB');
  return r;
}

export async function main(args: string[]): Promise<Record<string, unknown>> {
  const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 7);
  if (!args.includes('--no-build')) {
    const b = await timed(() => execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')]));
    line('npm run build', b.wallMs / 1000, 's');
  }
  if (!existsSync(path.join(repoRoot, 'dist', 'main.js'))) throw new Error('dist/main.js missing: npm run build');
  const s: Record<string, Sample[]> = { bare: [], vDist: [], vSrc: [], sDist: [], sSrc: [] };
  for (let i = 0; i < runs; i++) {
    s.bare!.push(await exitRun(['-e', '0'], 'dist'));
    s.vDist!.push(await exitRun([bin, '--version'], 'dist'));
    s.vSrc!.push(await exitRun([bin, '--version'], 'src'));
    s.sDist!.push(await startRun('dist'));
    s.sSrc!.push(await startRun('src'));
  }
  const bare = report('bare node -e 0', s.bare!);
  const vDist = report('--version compiled', s.vDist!);
  const vSrc = report('--version tsx', s.vSrc!);
  const sDist = report('start → healthy compiled', s.sDist!);
  const sSrc = report('start → healthy tsx', s.sSrc!);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    runs,
    bareNodeMs: r3(bare.ms),
    versionMs: { compiled: r3(vDist.ms), tsx: r3(vSrc.ms) },
    versionRssMiB: { compiled: r3(vDist.rssMiB), tsx: r3(vSrc.rssMiB) },
    startMs: { compiled: r3(sDist.ms), tsx: r3(sSrc.ms) },
    startRssMiB: { compiled: r3(sDist.rssMiB), tsx: r3(sSrc.rssMiB) },
    startRatio: r3(sDist.ms / sSrc.ms),
    /** compiled / tsx wall time of `gridwatch --version`. */
    ratio: r3(vDist.ms / vSrc.ms),
  };
}
