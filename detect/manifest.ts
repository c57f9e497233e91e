/**
 * The model manifest: everything the runtime needs to feed a model and read its output, as data.
 * `models/<name>/manifest.yaml` (or .yml / .json) is validated by `manifestSchema`; see models/README.md.
 */
import { z } from 'zod';

export const conceptNames = ['person', 'stall-like', 'vehicle', 'litter-like', 'bag-like', 'animal'] as const;

const triple = z.tuple([z.number(), z.number(), z.number()]);
const positiveTriple = z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]);

export const inputSchema = z
  .strictObject({
    name: z.string().min(1).describe('Name of the image input of the graph, e.g. "images".'),
    width: z.number().int().min(16).max(4096).describe('Input width in pixels the model is fed.'),
    height: z.number().int().min(16).max(4096).describe('Input height in pixels the model is fed.'),
    dtype: z
      .enum(['float32', 'uint8'])
      .default('float32')
      .describe(
        'Element type of the image input: float32 (pixels scaled and normalised as below), or uint8 when the graph ' +
          'converts raw 0..255 pixels itself (scale, mean and std must then be left at 1, 0, 1; see ' +
          'scripts/models/uint8-input.py).',
      ),
    layout: z.enum(['NCHW', 'NHWC']).default('NCHW').describe('Tensor layout.'),
    colour: z.enum(['RGB', 'BGR']).describe('Channel order the model expects.'),
    scale: z
      .number()
      .positive()
      .default(1)
      .describe('Pixel values 0..255 are multiplied by this first (1/255 for 0..1).'),
    mean: triple.default([0, 0, 0]).describe('Subtracted per channel (in the model channel order) after scaling.'),
    std: positiveTriple.default([1, 1, 1]).describe('Divided per channel after subtracting the mean.'),
    resize: z
      .enum(['letterbox', 'stretch'])
      .describe('letterbox: keep the aspect ratio and pad; stretch: resize to width x height ignoring it.'),
    align: z
      .enum(['top-left', 'center'])
      .default('top-left')
      .describe('Where the letterboxed image sits on the canvas.'),
    pad: z.number().min(0).max(255).default(114).describe('Pixel value (0..255, before normalisation) of the padding.'),
    maxBatch: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe('Frames the graph accepts in one run (its batch dimension).'),
    dynamic: z
      .strictObject({
        multiple: z
          .number()
          .int()
          .min(1)
          .max(256)
          .default(32)
          .describe('Canvas sides are rounded up to a multiple of this.'),
      })
      .optional()
      .describe(
        'The graph takes any input size (a multiple of `multiple`): width x height is then the largest canvas, and ' +
          'each frame gets the smallest canvas that holds its letterboxed image (a 16:9 frame at 416 wide → ' +
          '416x256), ' +
          'which saves the padding compute.',
      ),
  })
  .superRefine((v, ctx) => {
    if (v.dtype !== 'uint8') return;
    const say = (path: string, what: string): void =>
      ctx.addIssue({
        code: 'custom',
        path: [path],
        message: `${what} with dtype uint8 (the graph converts pixels itself)`,
      });
    if (v.scale !== 1) say('scale', 'must be 1');
    if (v.mean.some((m) => m !== 0)) say('mean', 'must be [0, 0, 0]');
    if (v.std.some((d) => d !== 1)) say('std', 'must be [1, 1, 1]');
    if (!Number.isInteger(v.pad)) say('pad', 'must be a whole number');
  })
  .describe('How frames are turned into the input tensor.');

const yoloxOutput = z.strictObject({
  family: z.literal('yolox').describe('YOLOX raw head: [N, A, 5+C] rows tx,ty,tw,th,obj,p…; grid decoding done here.'),
  name: z.string().min(1).describe('Output tensor name.'),
  strides: z.array(z.number().int().positive()).min(1).default([8, 16, 32]).describe('Head strides, in row order.'),
  decoded: z
    .boolean()
    .default(false)
    .describe('True when the export already decoded boxes (cx,cy,w,h in input pixels).'),
});
const yolov5Output = z.strictObject({
  family: z.literal('yolov5').describe('YOLOv5/v7-style: [N, A, 5+C] rows cx,cy,w,h (input pixels),obj,p…'),
  name: z.string().min(1).describe('Output tensor name.'),
});
const yolov8Output = z.strictObject({
  family: z
    .literal('yolov8')
    .describe('YOLOv8/11-style (Ultralytics): [N, 4+C, A] columns cx,cy,w,h (input pixels),p…'),
  name: z.string().min(1).describe('Output tensor name.'),
});
const picodetOutput = z.strictObject({
  family: z
    .literal('picodet-nms')
    .describe('PaddleDetection export with NMS inside: [K, 6] rows class,score,x1,y1,x2,y2.'),
  name: z.string().min(1).describe('Output tensor holding the [K, 6] rows.'),
  scaleFactorInput: z
    .string()
    .min(1)
    .optional()
    .describe('Name of the [1, 2] scale_factor input (y then x), if the graph has one.'),
});

export const outputSchema = z
  .discriminatedUnion('family', [yoloxOutput, yolov5Output, yolov8Output, picodetOutput])
  .describe('How the output tensor is decoded into boxes.');

export const manifestSchema = z
  .strictObject({
    name: z.string().min(1).describe('Model name (normally the folder name).'),
    description: z.string().optional().describe('What the model is and where it came from.'),
    file: z.string().min(1).describe('ONNX file, relative to the model folder.'),
    licence: z.string().min(1).describe('Licence/attribution file, relative to the model folder.'),
    input: inputSchema,
    output: outputSchema,
    classes: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .describe('Class names by class id: a list, or a text file (one name per line) relative to the model folder.'),
    thresholds: z
      .strictObject({
        score: z.number().min(0).max(1).default(0.3).describe('Detections below this score are dropped.'),
        nms: z
          .number()
          .min(0)
          .max(1)
          .default(0.45)
          .describe('IoU above which a lower-scored box of the same class is suppressed.'),
      })
      .default({ score: 0.3, nms: 0.45 })
      .describe('Default thresholds.'),
    concepts: z
      .partialRecord(z.enum(conceptNames), z.array(z.string().min(1)))
      .default({})
      .describe('Concepts the rules use → class names that count as that concept.'),
  })
  .describe('A detection model: file, input, output decoding, classes and concepts.');

export type Manifest = z.infer<typeof manifestSchema>;
export type ModelInput = z.infer<typeof inputSchema>;
export type ModelOutput = z.infer<typeof outputSchema>;
