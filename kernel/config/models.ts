import { z } from 'zod';

export const motionSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Skip the detector on frames with no motion since the last detection.'),
    width: z.number().int().min(16).max(320).default(64).describe('Width of the grey thumbnail motion is measured on.'),
    pixelDelta: z
      .number()
      .int()
      .min(1)
      .max(255)
      .default(15)
      .describe('Grey-level change (0..255) that makes a thumbnail pixel "changed".'),
    minChangedFraction: z
      .number()
      .min(0)
      .max(1)
      .default(0.003)
      .describe('Fraction of changed thumbnail pixels that counts as motion.'),
    recheckSeconds: z
      .number()
      .min(1)
      .max(3600)
      .default(10)
      .describe(
        'Run the detector at least this often without motion, so still objects (a stall that stopped) are re-checked.',
      ),
  })
  .describe('Per-camera motion gate in front of the detector.');

export const trackerSchema = z
  .strictObject({
    highScore: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Detections at or above this score are matched first and may start tracks.'),
    matchIou: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe('Least IoU between a track and a detection to match them.'),
    maxJump: z
      .number()
      .min(0)
      .max(10)
      .default(1)
      .describe(
        'A confident detection no box overlaps may still continue a same-label track whose centre is within ' +
          'this many ' +
          'box sizes (fast movers at 1 fps); 0 turns it off.',
      ),
    minHits: z.number().int().min(1).max(100).default(2).describe('Matches before a new track is reported.'),
    lostSeconds: z.number().min(0.1).max(3600).default(5).describe('A track not matched for this long is dropped.'),
    stationaryIou: z
      .number()
      .min(0)
      .max(1)
      .default(0.8)
      .describe('IoU with where it stopped above which a track counts as not moving.'),
    stationarySeconds: z.number().min(0).max(3600).default(10).describe('Not moving for this long → stationary.'),
    history: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(15)
      .describe('Scores kept per track; the reported score is their median.'),
  })
  .describe('Object tracker (IoU association, ByteTrack-style two passes).');

export const modelsSchema = z
  .strictObject({
    dir: z
      .string()
      .optional()
      .describe(
        'Folder holding one sub-folder per model (ONNX file + manifest), relative to the config file; default: the ' +
          'models folder shipped with gridwatch.',
      ),
    default: z.string().default('yolox-nano-u8').describe('Model used by cameras that name none.'),
    executionProviders: z
      .array(z.enum(['cpu', 'cuda', 'tensorrt', 'dml', 'coreml']))
      .default(['cpu'])
      .describe(
        'onnxruntime execution providers, in order of preference; one that cannot load is skipped with a warning.',
      ),
    workers: z.number().int().min(1).max(64).default(2).describe('Detector worker threads.'),
    threadsPerWorker: z.number().int().min(1).max(64).default(1).describe('Intra-op threads of each worker session.'),
    maxQueuePerCamera: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(2)
      .describe('Frames waiting per camera; older ones are dropped and counted.'),
    scoreThreshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Override every model manifest's default score threshold."),
    motion: motionSchema.prefault({}),
    tracker: trackerSchema.prefault({}),
  })
  .describe('Object detection models and runtime.');

export type ModelsConfig = z.infer<typeof modelsSchema>;
export type MotionConfig = z.infer<typeof motionSchema>;
export type TrackerConfig = z.infer<typeof trackerSchema>;
