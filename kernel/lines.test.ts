/**
 * Lines ≤ 120 characters in every TypeScript source (the formatter's width, which it cannot enforce on long comments,
 * strings and test titles). Characters are counted as code points, so a CJK character counts once. Small files: none
 * over 300 lines, and the median of the non-test sources at most 80.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAX = 120;
const MAX_FILE_LINES = 300;
const MEDIAN_LINES = 80;
const SKIP = new Set(['node_modules', 'dist', 'data', 'test-output', '.git']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

function longLines(files: readonly string[], max = MAX): string[] {
  const found: string[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      const n = [...line].length;
      if (n > max) found.push(`${path.relative(ROOT, file)}:${i + 1}: ${n} characters`);
    }
  }
  return found;
}

describe('line length', () => {
  it('names a line over the limit by file, line and length; a CJK character counts once', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gw-lines-'));
    try {
      const file = path.join(dir, 'a.ts');
      writeFileSync(file, `ok\n${'x'.repeat(121)}\n${'网'.repeat(120)}\n`);
      expect(longLines([file]).map((l) => l.replace(/^.*a\.ts/, 'a.ts'))).toEqual(['a.ts:2: 121 characters']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`no line of a .ts/.tsx file is longer than ${MAX} characters`, () => {
    const files = sources(ROOT);
    expect(files.length).toBeGreaterThan(100);
    expect(longLines(files)).toEqual([]);
  });
});

const lineCount = (file: string): number => readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').length;

describe('file size', () => {
  it(`no .ts/.tsx file is longer than ${MAX_FILE_LINES} lines`, () => {
    const over = sources(ROOT)
      .map((f) => [path.relative(ROOT, f), lineCount(f)] as const)
      .filter(([, n]) => n > MAX_FILE_LINES)
      .map(([f, n]) => `${f}: ${n} lines`);
    expect(over).toEqual([]);
  });

  it(`the median source file (tests aside) has at most ${MEDIAN_LINES} lines`, () => {
    const sizes = sources(ROOT)
      .filter((f) => !/\.test\.tsx?$/.test(f))
      .map(lineCount)
      .sort((a, b) => a - b);
    expect(sizes.length).toBeGreaterThan(100);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThanOrEqual(MEDIAN_LINES);
  });
});
