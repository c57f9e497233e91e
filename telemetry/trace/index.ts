/** Trace files (CSV, GPX, GeoJSON points) → time-sorted fixes. Used by `gridwatch replay` and `check-route`. */
export { byVehicle, detectFormat, parseTrace, readTrace, sortFixes } from './read.ts';
export { parseIsoTime } from './time.ts';
export type { Trace, TraceFix, TraceFormat, TraceOptions } from './types.ts';
