/**
 * `npm run bench -- NAME [args…]` runs bench/NAME.ts. Each benchmark prints its figures and, as its last line,
 * one JSON object with them, including `ratio` against the bare baseline measured in the same run.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const name = process.argv[2];
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'report.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !existsSync(path.join(here, `${name}.ts`))) {
  process.stderr.write(`usage: npm run bench -- NAME   (available: ${available.join(', ') || 'none'})\n`);
  process.exit(2);
}
process.env.ORT_DISABLE_TELEMETRY ??= '1';
const mod = (await import(`./${name}.ts`)) as { main: (args: string[]) => Promise<Record<string, unknown>> };
const figures = await mod.main(process.argv.slice(3));
process.stdout.write(`${JSON.stringify({ bench: name, ...figures })}\n`);
process.exit(0);
