/** Reading the config file: YAML → strict schema → resolved Config, once at start. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { InputError, errorMessage } from '../errors.ts';
import { configSchema, partialCrossChecks, type Config } from './schema.ts';

export interface LoadedConfig {
  readonly config: Config;
  /** Directory relative file names in the config resolve against. */
  readonly baseDir: string;
  readonly file?: string;
}

/** "cameras[0].zones[1].camera" from a zod issue path. */
export function formatPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const k of p) out += typeof k === 'number' ? `[${k}]` : `${out ? '.' : ''}${String(k)}`;
  return out || '(root)';
}

export function formatIssues(error: z.ZodError): string[] {
  return formatIssueList(error.issues);
}

function formatIssueList(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((i) => {
    if (i.code === 'invalid_union') {
      // a value of the right type for one branch (e.g. an object where `true` or an object is allowed): that
      // branch's own problems, with their field paths, rather than "Invalid input"
      const branch = i.errors.find((b) => b.length > 0 && b.every((x) => x.code !== 'invalid_type' || x.path.length));
      if (branch) return formatIssueList(branch.map((x) => ({ ...x, path: [...i.path, ...x.path] })));
    }
    if (i.code === 'unrecognized_keys') {
      return (
        `${formatPath(i.path)}: unknown key${i.keys.length > 1 ? 's' : ''} ` +
        `${i.keys.map((k) => `"${k}"`).join(', ')}`
      );
    }
    return `${formatPath(i.path)}: ${i.message}`;
  });
}

/** Validate an already-parsed object; throws InputError listing every problem with its field path. */
export function validateConfig(raw: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = formatIssues(result.error);
    const crossFailed = result.error.issues.some((i) => i.code === 'custom');
    if (!crossFailed) lines.push(...partialCrossChecks(raw).map((p) => `${formatPath(p.path)}: ${p.message}`));
    throw new InputError(`${source} is invalid:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true });
  } catch (err) {
    throw new InputError(`${file} is not valid YAML: ${errorMessage(err)}`);
  }
  const missing: string[] = [];
  const substituted = substituteEnv(raw, process.env, [], missing);
  if (missing.length > 0) throw new InputError(`${file} is invalid:\n  ${missing.join('\n  ')}`);
  return { config: validateConfig(substituted, file), baseDir: path.dirname(path.resolve(file)), file };
}

const ENV_REF = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * `${NAME}` in any string value is replaced by the environment variable NAME (`${NAME:-default}` when it may be
 * unset; `$${` is a literal `${`), so secrets such as node tokens stay out of the file. An unset variable without a
 * default is reported with the field's path.
 */
export function substituteEnv(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
  at: readonly PropertyKey[] = [],
  missing: string[] = [],
): unknown {
  if (typeof raw === 'string') {
    if (!raw.includes('${')) return raw;
    return raw.replace(ENV_REF, (all, name: string | undefined, fallback: string | undefined) => {
      if (name === undefined) return '${';
      const value = env[name] ?? fallback;
      if (value === undefined) missing.push(`${formatPath(at)}: environment variable ${name} is not set`);
      return value ?? all;
    });
  }
  if (Array.isArray(raw)) return raw.map((v, i) => substituteEnv(v, env, [...at, i], missing));
  if (typeof raw === 'object' && raw !== null)
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, substituteEnv(v, env, [...at, k], missing)]));
  return raw;
}

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}
