import { z } from 'zod';

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
