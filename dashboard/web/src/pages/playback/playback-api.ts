/** The playback API (GET /api/recordings…) as the page uses it, and the chunk logic (pure). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface RecordingHealth {
  readonly expectedHours: number;
  readonly recordedHours: number;
  readonly ratio: number;
  readonly gaps: readonly Span[];
  readonly blindHours: number;
}

export interface PlaybackCamera {
  readonly id: string;
  readonly name: string;
  readonly mode: 'off' | 'continuous' | 'events';
  readonly external: boolean;
  readonly health: RecordingHealth | null;
}

export interface HitMark {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly category: string;
}

export interface CaseMark {
  readonly id: string;
  readonly status: string;
  readonly category: string;
  readonly createdAt: number;
}

export interface Recording {
  readonly camera: { readonly id: string; readonly name: string; readonly mode: string };
  readonly from: number;
  readonly to: number;
  readonly spans: readonly Span[];
  readonly hits: readonly HitMark[];
  readonly cases: readonly CaseMark[];
  readonly health: RecordingHealth | null;
  readonly playbackUrl: string | null;
}

/** One MP4 asked of the server covers at most this much. */
export const CHUNK_MS = 10 * 60_000;

/** The chunk to play from `at`: inside the recorded span holding `at` (or the next one), at most CHUNK_MS. */
export function chunkAt(spans: readonly Span[], at: number, now: number): Span | undefined {
  const span = spans.find((s) => s.end > at + 500);
  if (!span) return undefined;
  const start = Math.max(Math.floor(at), span.start);
  const end = Math.min(span.end, start + CHUNK_MS, now);
  return end - start >= 1000 ? { start, end: Math.floor(end) } : undefined;
}

export const videoUrl = (camera: string, chunk: Span): string =>
  `/api/recordings/${encodeURIComponent(camera)}/video?from=${chunk.start}&to=${chunk.end}`;
