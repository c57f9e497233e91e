/** What the trace parsers produce: one fix of a recorded track, independent of the file format. */

export interface TraceFix {
  /** Vehicle id from the file (`vehicle_id` column / property); absent in single-vehicle files. */
  readonly vehicleId?: string;
  /** Fix time, epoch milliseconds. */
  readonly ts: number;
  readonly lat: number;
  readonly lon: number;
  readonly speedKmh?: number;
  /** Course over ground, degrees clockwise from north, 0..360. */
  readonly heading?: number;
}

/** A parsed trace: fixes sorted by time (stable, so per vehicle too). */
export type Trace = readonly TraceFix[];

export interface TraceOptions {
  /** Epoch ms that relative times (`t_rel_s`) count from; required for such traces. */
  readonly start?: number;
  /** IANA time zone for ISO times without an offset (e.g. `timestamp_local`); UTC when omitted. */
  readonly tz?: string;
}

export type TraceFormat = 'csv' | 'gpx' | 'geojson';
