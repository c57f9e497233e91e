/**
 * CSV traces with a header: lat, lon, one time column (ISO, epoch or relative), optional vehicle_id, speed, heading.
 */
import { InputError } from '../../kernel/errors.ts';
import { toFix, type TimeKind } from './fields.ts';
import type { TraceFix, TraceOptions } from './types.ts';

/** Time columns in order of preference, with how each is read. */
const TIME_COLUMNS: readonly (readonly [string, TimeKind])[] = [
  ['timestamp', 'iso'],
  ['timestamp_local', 'iso'],
  ['time', 'iso'],
  ['ts', 'epoch'],
  ['t_rel_s', 'relative'],
];
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  lat: ['lat', 'latitude'],
  lon: ['lon', 'lng', 'long', 'longitude'],
  vehicle: ['vehicle_id', 'vehicleid', 'vehicle'],
  speed: ['speed_kmh'],
  heading: ['heading', 'course'],
};

/** Split one CSV line (RFC 4180 quoting, no embedded newlines). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur === '') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function parseCsvTrace(text: string, name: string, opts: TraceOptions): TraceFix[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  const col = (key: string): number => header.findIndex((h) => ALIASES[key]!.includes(h));
  const iLat = col('lat');
  const iLon = col('lon');
  if (iLat < 0 || iLon < 0) {
    throw new InputError(
      `${name} line 1: header needs "lat" and "lon" columns (found: ${header.join(', ') || 'nothing'})`,
    );
  }
  const timeCol = TIME_COLUMNS.find(([c]) => header.includes(c));
  if (!timeCol) {
    throw new InputError(`${name} line 1: header needs a time column: ${TIME_COLUMNS.map(([c]) => c).join(', ')}`);
  }
  const iTime = header.indexOf(timeCol[0]);
  const [iVeh, iSpeed, iHead] = [col('vehicle'), col('speed'), col('heading')];
  const fixes: TraceFix[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') continue;
    const cells = splitCsvLine(line);
    const where = `${name} line ${n + 1}`;
    if (cells.length < header.length)
      throw new InputError(`${where}: ${cells.length} fields, the header has ${header.length}`);
    fixes.push(
      toFix(
        {
          time: { field: timeCol[0], kind: timeCol[1], value: cells[iTime] },
          lat: cells[iLat],
          lon: cells[iLon],
          vehicleId: iVeh >= 0 ? cells[iVeh] : undefined,
          speedKmh: iSpeed >= 0 ? { field: header[iSpeed]!, value: cells[iSpeed] } : undefined,
          heading: iHead >= 0 ? { field: header[iHead]!, value: cells[iHead] } : undefined,
        },
        where,
        opts,
      ),
    );
  }
  return fixes;
}
