/** Helpers for tests only: temp dirs, configs on free ports, spawning the CLI. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appRoot } from './app-root.ts';
import type { LoadedConfig } from './config/load.ts';
import { validateConfig } from './config/load.ts';

export const repoRoot: string = appRoot;
/** The shared data folder beside the checkout (licence-restricted files are read from here, never copied). */
export const sharedDir: string = path.resolve(repoRoot, '..', 'shared');

export function tempDir(prefix = 'gw-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A validated config for tests: embedded everything on free ports, data in a temp dir, media relay off. */
export function testConfig(overrides: Record<string, unknown> = {}, baseDir: string = repoRoot): LoadedConfig {
  const raw = {
    dataDir: tempDir('gw-data-'),
    log: { level: 'silent' },
    server: { port: 0 },
    mqtt: { mode: 'embedded', port: 0 },
    media: { enabled: false },
    ...overrides,
  };
  return { config: validateConfig(raw, 'test config'), baseDir };
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Start `gridwatch ARGS…` as a child process. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [path.join(repoRoot, 'bin', 'gridwatch.mjs'), ...args], {
    cwd: repoRoot,
    env: { GRIDWATCH_RUN: 'src', ...process.env, ...env }, // tests run the sources even after a build
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Run `gridwatch ARGS…` to completion. */
export function runCli(args: readonly string[], timeoutMs = 30_000, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gridwatch ${args.join(' ')} timed out; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Resolve when `predicate` holds, polling; reject after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  stepMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/** `gridwatch start --config FILE` as a child process; resolves once it serves. */
export async function startGridwatch(config: string): Promise<ChildProcess> {
  const child = spawnCli(['start', '--config', config]);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gridwatch did not start: ${out}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/gridwatch http:\/\//.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`gridwatch exited (${code}): ${out}`)));
  });
  return child;
}

export const exited = (c: ChildProcess): Promise<void> =>
  new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));
