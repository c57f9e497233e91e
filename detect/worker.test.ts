/**
 * The detector thread's module graph stays lean: no zod, no config. A thread running the detector used about 0.5 ms
 * more CPU per frame with zod loaded, on V8's background GC threads (detect/README.md, "Worker pool"). Manifests are
 * validated in the main thread and reach the worker as plain data (WorkerData).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runtime (non-type) imports of a source file: relative paths resolved, packages by name. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]/gm)) {
    const [, typeOnly, names = '', spec = ''] = m;
    if (typeOnly) continue;
    // `import { type A, type B }` is erased too.
    const list = /^\{([^}]*)\}$/.exec(names.trim())?.[1];
    if (list?.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    out.push(spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec);
  }
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm))
    out.push(m[1]!.startsWith('.') ? path.resolve(path.dirname(file), m[1]!) : m[1]!);
  return out;
}

function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    if (f.startsWith('/') && f.endsWith('.ts')) for (const next of runtimeImports(f)) walk(next);
  };
  walk(entry);
  return seen;
}

describe('detector worker thread', () => {
  it('loads onnxruntime and the detector, but neither zod nor the config schema', () => {
    const mods = [...graph(path.resolve(import.meta.dirname, 'worker.ts'))];
    expect(mods).toContain('onnxruntime-node');
    expect(mods).toContain(path.resolve(import.meta.dirname, 'detector.ts'));
    expect(
      mods.filter(
        (m) => m === 'zod' || m.startsWith('zod/') || m.includes('/kernel/config/') || m.endsWith('/detect/model.ts'),
      ),
    ).toEqual([]);
  });

  it('would notice the schema coming back in (the walker follows value imports, not type imports)', () => {
    const mods = [...graph(path.resolve(import.meta.dirname, 'model.ts'))];
    expect(mods).toContain('zod');
  });
});
