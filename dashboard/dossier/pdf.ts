/**
 * HTML → PDF with the machine's headless chromium (the Debian package, `/usr/bin/chromium`; GRIDWATCH_CHROMIUM
 * overrides): the document is written to a private temporary folder and printed with `--print-to-pdf`. No network:
 * DNS resolves nothing, every request goes to a dead proxy (loopback included), and the 案卷 itself carries a CSP
 * allowing only data: images. At most two renders run at once; one taking longer than the timeout is killed.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(): string {
  return process.env.GRIDWATCH_CHROMIUM || DEFAULT_CHROMIUM;
}

/** Is an executable chromium at `bin`? */
export function chromiumAvailable(bin = chromiumPath()): boolean {
  try {
    accessSync(bin, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--no-pdf-header-footer',
];

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export interface PdfOptions {
  readonly bin?: string;
  readonly timeoutMs?: number;
}

/** Print `html` to a PDF. Rejects naming what went wrong (missing chromium, exit code and its last output, timeout). */
export function htmlToPdf(html: string, opts: PdfOptions = {}): Promise<Buffer> {
  const bin = opts.bin ?? chromiumPath();
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return slot(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gw-pdf-'));
    try {
      const page = path.join(dir, 'case.html');
      const out = path.join(dir, 'case.pdf');
      await writeFile(page, html);
      const args = [...ARGS, `--user-data-dir=${path.join(dir, 'profile')}`, `--print-to-pdf=${out}`];
      await run(bin, [...args, pathToFileURL(page).href], timeoutMs);
      const pdf = await readFile(out).catch(() => undefined);
      if (!pdf?.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('chromium wrote no PDF');
      return pdf;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

function run(bin: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let tail = '';
    child.stderr.on('data', (d: Buffer) => {
      tail = (tail + d.toString()).slice(-600);
    });
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`chromium took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${bin}: ${err.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL'); // helpers left in its process group
      } catch {
        // none left
      }
      if (code === 0) resolve();
      else reject(new Error(`chromium exited with ${code}: ${tail.trim().split('\n').at(-1) ?? ''}`));
    });
  });
}
