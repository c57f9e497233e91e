/** Reading a trace file of any supported format into time-sorted fixes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../kernel/errors.ts';
import { checkTimeZone } from '../../kernel/time.ts';
import { parseCsvTrace } from './csv.ts';
import { parseGeoJsonTrace } from './geojson.ts';
import { parseGpxTrace } from './gpx.ts';
import type { Trace, TraceFix, TraceFormat, TraceOptions } from './types.ts';

/** Format from the extension, else from the first character of the content. */
export function detectFormat(file: string, text: string): TraceFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.gpx' || ext === '.xml') return 'gpx';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  const head = text.trimStart()[0];
  return head === '<' ? 'gpx' : head === '{' ? 'geojson' : 'csv';
}

/** Sort by time, stable: fixes with equal times keep file order, so each vehicle's fixes are in time order. */
export function sortFixes(fixes: readonly TraceFix[]): Trace {
  return fixes
    .map((f, i) => [f, i] as const)
    .sort((a, b) => a[0].ts - b[0].ts || a[1] - b[1])
    .map(([f]) => f);
}

/** Parse trace text; `name` is used in error messages. Throws InputError naming the line/feature and field. */
export function parseTrace(text: string, name: string, opts: TraceOptions = {}, format?: TraceFormat): Trace {
  if (opts.tz) checkTimeZone(opts.tz);
  const fmt = format ?? detectFormat(name, text);
  const fixes =
    fmt === 'csv'
      ? parseCsvTrace(text, name, opts)
      : fmt === 'gpx'
        ? parseGpxTrace(text, name, opts)
        : parseGeoJsonTrace(text, name, opts);
  if (fixes.length === 0) throw new InputError(`${name}: the trace has no fixes`);
  return sortFixes(fixes);
}

export function readTrace(file: string, opts: TraceOptions = {}): Trace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read trace ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseTrace(text, file, opts);
}

/** Fixes grouped per vehicle (vehicle "" for fixes without an id), each list in time order. */
export function byVehicle(trace: Trace): ReadonlyMap<string, Trace> {
  const out = new Map<string, TraceFix[]>();
  for (const f of trace) {
    const k = f.vehicleId ?? '';
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}
