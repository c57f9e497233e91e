#!/usr/bin/env node
// gridwatch command-line entry. Runs the compiled build (dist/main.js, `npm run build`) when it is there and newer
// than every TypeScript source, the sources through tsx otherwise. GRIDWATCH_RUN=dist or =src forces one (the Docker
// image sets dist; the test helpers set src so tests keep running the sources).
import { existsSync, readdirSync, statSync } from 'node:fs';

process.env.ORT_DISABLE_TELEMETRY ??= '1';
const root = new URL('../', import.meta.url);
const compiled = new URL('dist/main.js', root);
const skip = new Set(['node_modules', 'dist', 'data', 'test-output', 'models', 'media', 'web', 'e2e']);

/** Is any source (`*.ts`) newer than `than` (ms)? Stops at the first one found. */
function newerSource(dir, than) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!skip.has(e.name) && !e.name.startsWith('.') && newerSource(new URL(`${e.name}/`, dir), than)) return true;
    } else if (e.name.endsWith('.ts') && statSync(new URL(e.name, dir)).mtimeMs > than) return true;
  }
  return false;
}

const mode = process.env.GRIDWATCH_RUN;
if (mode !== undefined && mode !== 'dist' && mode !== 'src') {
  process.stderr.write(`gridwatch: GRIDWATCH_RUN must be "dist" or "src", not "${mode}"\n`);
  process.exit(2);
}
if (mode === 'dist' && !existsSync(compiled)) {
  process.stderr.write('gridwatch: GRIDWATCH_RUN=dist but dist/main.js is missing: run `npm run build` first\n');
  process.exit(2);
}
const useDist =
  mode === 'dist' || (mode === undefined && existsSync(compiled) && !newerSource(root, statSync(compiled).mtimeMs));
if (useDist) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main.ts');
}
