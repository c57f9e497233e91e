// `npm run build`: compile the server (tsconfig.build.json: no tests, bench, attack or web UI) to JavaScript in dist/,
// written to a temporary folder first and then renamed, so that a running `gridwatch` never sees half a build.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('../', import.meta.url)));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const tmp = `.dist-build-${process.pid}`; // beside dist/ (git-ignored): app paths resolve the same from either
try {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', tmp], { stdio: 'inherit' });
  rmSync('dist', { recursive: true, force: true });
  renameSync(tmp, 'dist');
} catch (err) {
  process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
