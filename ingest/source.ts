/** What a camera's `source` string names: a network stream, a video file (looped) or a still image (looped). */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../kernel/errors.ts';
import { redactUrl } from '../kernel/log.ts';

export type SourceKind = 'rtsp' | 'rtmp' | 'http' | 'file' | 'image';

export interface SourceSpec {
  readonly kind: SourceKind;
  /** URL for network sources, absolute path for files. */
  readonly input: string;
  /** Safe to log and show: credentials replaced by ***. */
  readonly display: string;
}

export const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.tif', '.tiff', '.avif']);
const SCHEMES: Readonly<Record<string, SourceKind>> = {
  'rtsp:': 'rtsp',
  'rtsps:': 'rtsp',
  'rtmp:': 'rtmp',
  'rtmps:': 'rtmp',
  'http:': 'http',
  'https:': 'http',
};

function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
}

/** Classify `source`; relative file names resolve against `baseDir`. Throws InputError naming what is wrong. */
export function parseSource(source: string, baseDir: string): SourceSpec {
  const trimmed = source.trim();
  if (!trimmed) throw new InputError('camera source is empty');
  if (isUrl(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new InputError(`camera source ${redactUrl(trimmed)} is not a valid URL`);
    }
    const kind = SCHEMES[url.protocol];
    if (!kind) {
      throw new InputError(
        `camera source ${redactUrl(trimmed)}: unsupported scheme "${url.protocol}" (use rtsp, rtmp, http(s) or a file)`,
      );
    }
    return { kind, input: trimmed, display: redactUrl(trimmed) };
  }
  const file = path.resolve(baseDir, trimmed.startsWith('file:') ? trimmed.slice(5) : trimmed);
  const kind: SourceKind = IMAGE_EXT.has(path.extname(file).toLowerCase()) ? 'image' : 'file';
  return { kind, input: file, display: file };
}

/** Throws InputError when a file source is missing or not a regular file; network sources pass. */
export function checkSourceExists(spec: SourceSpec): void {
  if (spec.kind !== 'file' && spec.kind !== 'image') return;
  if (!existsSync(spec.input)) throw new InputError(`${spec.input}: file not found`);
  if (!statSync(spec.input).isFile()) throw new InputError(`${spec.input}: not a regular file`);
}

/** host:port a network source connects to (for a cheap reachability probe), undefined for files. */
export function sourceEndpoint(spec: SourceSpec): { readonly host: string; readonly port: number } | undefined {
  if (spec.kind === 'file' || spec.kind === 'image') return undefined;
  const url = new URL(spec.input);
  const defaults: Record<string, number> = {
    'rtsp:': 554,
    'rtsps:': 322,
    'rtmp:': 1935,
    'rtmps:': 443,
    'http:': 80,
    'https:': 443,
  };
  const port = url.port ? Number(url.port) : (defaults[url.protocol] ?? 0);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port };
}
