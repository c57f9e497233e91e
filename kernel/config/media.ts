import { z } from 'zod';

export const mediaSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Run the embedded node-media-server (RTMP ingest, HTTP-FLV/WS-FLV live view).'),
    host: z.string().default('127.0.0.1').describe('Address the media server binds to.'),
    rtmpPort: z.number().int().min(0).max(65535).default(1935).describe('RTMP port cameras and the relay publish to.'),
    httpPort: z.number().int().min(0).max(65535).default(8000).describe('HTTP-FLV / WS-FLV port browsers play from.'),
    secret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe('Secret that signs publish/play URLs; a random one is generated at start when omitted.'),
    segmentSeconds: z.number().int().min(2).max(300).default(10).describe('Length of each recorded evidence segment.'),
    retentionMinutes: z.number().int().min(1).max(7 * 24 * 60).default(30).describe('Recorded segments older than this are deleted.'),
    quotaMb: z.number().int().min(16).default(2048).describe('Disk quota for recorded segments across all cameras; oldest go first.'),
  })
  .describe('Live relay and evidence recording.');

export const modelsSchema = z
  .strictObject({
    dir: z.string().default('models').describe('Folder holding one sub-folder per model (ONNX file + manifest).'),
    default: z.string().default('yolox-nano').describe('Model used by cameras that name none.'),
    executionProviders: z
      .array(z.enum(['cpu', 'cuda', 'tensorrt', 'dml', 'coreml']))
      .default(['cpu'])
      .describe('onnxruntime execution providers, in order of preference.'),
    workers: z.number().int().min(1).max(64).default(2).describe('Detector worker threads.'),
    threadsPerWorker: z.number().int().min(1).max(64).default(1).describe('Intra-op threads of each worker session.'),
    maxQueuePerCamera: z.number().int().min(1).max(100).default(2).describe('Frames waiting per camera; older ones are dropped and counted.'),
  })
  .describe('Object detection models and runtime.');
