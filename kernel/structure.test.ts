/**
 * Layers point down, checked on every .ts file of the tree (sources and tests): the kernel imports no capability, and
 * no capability imports the dashboard (the dashboard and app.ts sit on top and may import anything). Imports are
 * read with TypeScript's own pre-processor (static, type-only, re-exports and dynamic `import()` alike).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './testing.ts';

/** Top folder → the top folders it must not import from. */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  kernel: ['cases', 'ingest', 'detect', 'telemetry', 'dashboard', 'cli', 'cluster'],
  cases: ['dashboard'],
  cluster: ['dashboard'],
  detect: ['dashboard'],
  ingest: ['dashboard'],
  telemetry: ['dashboard'],
};

const SKIP = new Set(['node_modules', 'dist', 'data', 'test-output', 'shared']);

/** Every .ts file under `dir` (repo-relative, "/"-separated), leaving out dependencies, builds and dot folders. */
function tsFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return SKIP.has(e.name) || e.name.startsWith('.') ? [] : tsFiles(root, rel);
    return e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The relative module paths a source imports, resolved to repo-relative paths. */
function importsOf(file: string, source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)));
}

/** Why `file` may not import `target`, or undefined when the layers allow it. */
function violation(file: string, target: string): string | undefined {
  const from = file.split('/')[0]!;
  const to = target.split('/')[0]!;
  return FORBIDDEN[from]?.includes(to) ? `${file} imports ${target}: ${from}/ may not import ${to}/` : undefined;
}

describe('layers point down', () => {
  it('tells a forbidden import from an allowed one', () => {
    const src = [
      "import { HttpError } from '../../dashboard/errors.ts';",
      "import type { Case } from '../../kernel/types/case.ts';",
      "export { x } from './report.ts';",
      "const m = await import('../../dashboard/zones.ts');",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importsOf('telemetry/route/routes.ts', src)).toEqual([
      'dashboard/errors.ts',
      'kernel/types/case.ts',
      'telemetry/route/report.ts',
      'dashboard/zones.ts',
    ]);
    expect(violation('cases/routes.ts', 'dashboard/errors.ts')).toBe(
      'cases/routes.ts imports dashboard/errors.ts: cases/ may not import dashboard/',
    );
    expect(violation('detect/rules/module.ts', 'dashboard/zones.ts')).toBeDefined();
    expect(violation('kernel/http/access.ts', 'telemetry/service.ts')).toBeDefined();
    expect(violation('kernel/config/x.ts', 'cli/start.ts')).toBeDefined();
    expect(violation('cases/module.ts', 'kernel/bus.ts')).toBeUndefined();
    expect(violation('detect/rules/module.ts', 'cases/grid.ts')).toBeUndefined();
    expect(violation('dashboard/api.ts', 'cases/api.ts')).toBeUndefined();
    expect(violation('app.ts', 'dashboard/api.ts')).toBeUndefined();
  });

  it('holds for every .ts file in the tree', () => {
    const files = tsFiles(repoRoot);
    expect(files.length).toBeGreaterThan(300);
    expect(files).toContain('kernel/structure.test.ts');
    const found = files.flatMap((f) =>
      importsOf(f, readFileSync(path.join(repoRoot, f), 'utf8')).flatMap((t) => violation(f, t) ?? []),
    );
    expect(found).toEqual([]);
  });
});
