/** Per-camera recording (录像) beyond the evidence ring: continuous or around hits, with retention and a disk quota. */
import { z } from 'zod';

const PLACEHOLDER = /\{(start|end|startMs|endMs|startS|endS|startCompact|endCompact|camera)\}/;

export const recordSchema = z
  .strictObject({
    mode: z
      .enum(['off', 'continuous', 'events'])
      .default('continuous')
      .describe(
        'off: only the evidence ring (media.retentionMinutes); continuous: every segment kept for the retention; ' +
          'events: beyond the evidence ring, only segments around hits (preSeconds before, postSeconds after).',
      ),
    retainDays: z
      .number()
      .min(0.01)
      .max(3650)
      .default(7)
      .describe('Recorded segments whose end is older than this many days are deleted (never shorter than the ring).'),
    retainMinutes: z
      .number()
      .int()
      .min(1)
      .max(525_600)
      .optional()
      .describe('Retention in minutes, overriding retainDays (short trials and tests).'),
    quotaGb: z
      .number()
      .positive()
      .max(1_000_000)
      .default(50)
      .describe("Disk quota of this camera's recording in GiB (fractions allowed); the oldest segments go first."),
    preSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(30)
      .describe('events mode: seconds kept before a hit starts.'),
    postSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(30)
      .describe('events mode: seconds kept after a hit ends (or was last seen).'),
    playbackUrl: z
      .string()
      .min(1)
      .refine((s) => PLACEHOLDER.test(s), 'needs a placeholder such as {start} and {end}')
      .optional()
      .describe(
        'For a camera recorded by an NVR or video platform: its playback URL template, shown instead of our own ' +
          'recording. Placeholders: {start} {end} (ISO 8601 UTC), {startMs} {endMs} (epoch ms), {startS} {endS} ' +
          '(epoch s), {startCompact} {endCompact} (20261205T220000Z), {camera}.',
      ),
  })
  .describe('Recording and playback (回放) of this camera.');

export type RecordConfig = z.output<typeof recordSchema>;

/**
 * The camera's `record` field: true keeps the evidence ring only (the default), false records nothing (no ring, no
 * clips from it), an object configures recording beyond the ring.
 */
export const cameraRecordField = z
  .union([z.boolean(), recordSchema])
  .default(true)
  .describe(
    'true: a rolling evidence ring for clips (default); false: nothing recorded; an object: recording and playback ' +
      '(mode off | continuous | events, retainDays, quotaGb, preSeconds, postSeconds, playbackUrl).',
  );

/** The recording settings of a camera's `record` value; undefined when it records nothing beyond the ring. */
export function recordingOf(record: boolean | RecordConfig): RecordConfig | undefined {
  return typeof record === 'object' ? record : undefined;
}

/** How long a camera's recording is kept, in ms (retainMinutes over retainDays). */
export function retentionMs(r: RecordConfig): number {
  return r.retainMinutes !== undefined ? r.retainMinutes * 60_000 : r.retainDays * 86_400_000;
}
