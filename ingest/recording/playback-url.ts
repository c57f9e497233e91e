/** A camera's NVR / platform playback URL template filled for a time span. */
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const compact = (ms: number): string => iso(ms).replace(/[-:]/g, '');

export function fillPlaybackUrl(template: string, cameraId: string, startMs: number, endMs: number): string {
  const values: Record<string, string> = {
    start: iso(startMs),
    end: iso(endMs),
    startMs: String(Math.round(startMs)),
    endMs: String(Math.round(endMs)),
    startS: String(Math.floor(startMs / 1000)),
    endS: String(Math.floor(endMs / 1000)),
    startCompact: compact(startMs),
    endCompact: compact(endMs),
    camera: encodeURIComponent(cameraId),
  };
  return template.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
}
