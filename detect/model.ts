/** Finding and validating a model folder: manifest → classes → concepts → ONNX file. Errors name file and field. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { appRoot } from '../kernel/app-root.ts';
import { formatIssues } from '../kernel/config/load.ts';
import { InputError, errorMessage } from '../kernel/errors.ts';
import type { Concept } from '../kernel/types/index.ts';
import { conceptNames, manifestSchema, type Manifest } from './manifest.ts';

/** The models folder shipped with gridwatch (models.dir's default). */
export const shippedModelsDir: string = path.join(appRoot, 'models');

export const manifestFileNames = ['manifest.yaml', 'manifest.yml', 'manifest.json'] as const;

export interface LoadedModel {
  readonly name: string;
  readonly dir: string;
  readonly manifestFile: string;
  readonly onnxFile: string;
  readonly manifest: Manifest;
  /** Class name by class id. */
  readonly classNames: readonly string[];
  /** Concepts by class id (empty when a class maps to none). */
  readonly conceptsByClass: readonly (readonly Concept[])[];
}

function fail(file: string, field: string, message: string): never {
  throw new InputError(`${file}: ${field}: ${message}`);
}

function readManifest(file: string): Manifest {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : parse(text, { prettyErrors: true });
  } catch (err) {
    throw new InputError(`${file}: cannot be parsed: ${errorMessage(err)}`);
  }
  const result = manifestSchema.safeParse(raw ?? {});
  if (!result.success)
    throw new InputError(`${file} is an invalid model manifest:\n  ${formatIssues(result.error).join('\n  ')}`);
  return result.data;
}

function readClasses(manifestFile: string, dir: string, classes: Manifest['classes']): string[] {
  if (Array.isArray(classes)) return classes;
  const file = path.resolve(dir, classes);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail(manifestFile, 'classes', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const names = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (names.length === 0) fail(manifestFile, 'classes', `${file} lists no class names`);
  return names;
}

function mapConcepts(manifestFile: string, m: Manifest, classNames: readonly string[]): Concept[][] {
  const byClass: Concept[][] = classNames.map(() => []);
  const index = new Map(classNames.map((n, i) => [n, i]));
  for (const concept of conceptNames) {
    (m.concepts[concept] ?? []).forEach((cls, j) => {
      const id = index.get(cls);
      if (id === undefined) fail(manifestFile, `concepts.${concept}[${j}]`, `unknown class "${cls}" (not in classes)`);
      byClass[id]?.push(concept);
    });
  }
  return byClass;
}

function requireFile(manifestFile: string, field: string, file: string): void {
  if (!existsSync(file)) fail(manifestFile, field, `file ${file} does not exist`);
  if (!statSync(file).isFile() || statSync(file).size === 0)
    fail(manifestFile, field, `${file} is empty or not a file`);
}

/** Load and check `modelsDir/name/manifest.*`. Throws InputError naming the file and the field. */
export function loadModel(modelsDir: string, name: string): LoadedModel {
  const dir = path.resolve(modelsDir, name);
  if (!existsSync(dir)) throw new InputError(`model "${name}": folder ${dir} does not exist`);
  const manifestFile = manifestFileNames.map((f) => path.join(dir, f)).find((f) => existsSync(f));
  if (!manifestFile) throw new InputError(`model "${name}": ${dir} has no ${manifestFileNames.join(' / ')}`);
  const manifest = readManifest(manifestFile);
  const onnxFile = path.resolve(dir, manifest.file);
  requireFile(manifestFile, 'file', onnxFile);
  requireFile(manifestFile, 'licence', path.resolve(dir, manifest.licence));
  const classNames = readClasses(manifestFile, dir, manifest.classes);
  const conceptsByClass = mapConcepts(manifestFile, manifest, classNames);
  return { name, dir, manifestFile, onnxFile, manifest, classNames, conceptsByClass };
}
