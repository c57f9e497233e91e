import { spawn } from 'node:child_process';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConfigFile } from '../demo/index.ts';
import { repoRoot, tempDir, waitFor } from '../kernel/testing.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const dist = path.join(repoRoot, 'dist', 'main.js');
const bin = path.join(repoRoot, 'bin', 'gridwatch.mjs');
const guardDir = tempDir('gw-build-guard-');
// A module hook that refuses tsx and any .ts file: what runs under it is the compiled JavaScript alone.
writeFileSync(
  path.join(guardDir, 'hooks.mjs'),
  `export async function resolve(spec, ctx, next) {
  const r = await next(spec, ctx);
  if (/\\/node_modules\\/tsx\\/|\\.ts$/.test(r.url)) throw new Error('guard: TypeScript loaded: ' + r.url);
  return r;
}\n`,
);
writeFileSync(
  path.join(guardDir, 'guard.mjs'),
  "import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n",
);
const guard = ['--import', path.join(guardDir, 'guard.mjs')];
// A detector worker thread from the compiled build (dist/detect/worker.js, no tsx boot file), with the shipped model.
writeFileSync(
  path.join(guardDir, 'worker.mjs'),
  `const at = (f) => new URL(f, ${JSON.stringify(`file://${repoRoot}/dist/detect/`)});
const { threadWorkerFactory } = await import(at('thread-worker.js'));
const { shippedModelsDir } = await import(at('model.js'));
const init = { modelsDir: shippedModelsDir, models: ['yolox-nano'], executionProviders: ['cpu'], threads: 1 };
const worker = await threadWorkerFactory(init)(1);
await worker.close();
process.stdout.write('worker ready\\n');
`,
);

function env(run: 'dist' | 'src' | undefined): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', GRIDWATCH_RUN: run };
  if (run === undefined) delete e.GRIDWATCH_RUN;
  return e;
}

function node(args: string[], run: 'dist' | 'src' | undefined, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: env(run), timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run build: the compiled server runs without tsx', () => {
  it('builds dist/, and the compiled CLI answers --version, config check and start (to healthy)', async () => {
    const build = await node([path.join(repoRoot, 'scripts', 'build.mjs')], undefined, 400_000);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(existsSync(dist)).toBe(true);

    const version = await node([...guard, dist, '--version'], undefined);
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // The guard does refuse the sources: the same command through tsx fails under it.
    const fromSources = await node([...guard, bin, '--version'], 'src');
    expect(fromSources.code).not.toBe(0);
    expect(fromSources.stderr).toMatch(/guard: TypeScript loaded/);

    // The bin entry picks dist/ by itself when it is newer than every source, the sources when it is older.
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(dist, later, later);
    expect((await node([...guard, bin, '--version'], undefined)).stdout.trim()).toBe(version.stdout.trim());
    utimesSync(dist, new Date(1_000), new Date(1_000));
    expect((await node([...guard, bin, '--version'], undefined)).stderr).toMatch(/guard: TypeScript loaded/);
    utimesSync(dist, new Date(), new Date());

    const worker = await node([...guard, path.join(guardDir, 'worker.mjs')], undefined);
    expect(worker.stderr).toBe('');
    expect(worker.stdout).toBe('worker ready\n');

    const check = await node([...guard, bin, 'config', 'check', demoConfigFile], 'dist');
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/ok \(\d+ cameras/);

    const dir = tempDir('gw-build-start-');
    const file = path.join(dir, 'gw.yaml');
    writeFileSync(file, 'mqtt: { mode: embedded, port: 0 }\nmedia: { enabled: false }\n');
    const args = [...guard, bin, 'start', '--config', file, '--data', path.join(dir, 'data'), '--port', '0'];
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: env('dist') });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      await waitFor(() => /gridwatch (http:\/\/\S+) /.test(out) || child.exitCode !== null, 60_000);
      expect(err).toBe('');
      const url = /gridwatch (http:\/\/\S+) /.exec(out)![1]!;
      const res = await fetch(`${url}/api/health`);
      expect(res.status).toBe(200);
    } finally {
      const code = await new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) resolve(child.exitCode);
        child.on('close', resolve);
        child.kill('SIGTERM');
      });
      expect(code).toBe(0);
    }
  }, 600_000);
});
