import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Detector } from './detector.ts';
import { loadModel } from './model.ts';
import { modelCopy } from './testing.ts';
import { errorMessage } from '../kernel/errors.ts';

const cpu = { executionProviders: ['cpu'] as const, threads: 1 };

async function startError(dir: string): Promise<string> {
  try {
    const d = await Detector.create(loadModel(dir, 'yolox-nano'), cpu);
    await d.close();
  } catch (err) {
    return errorMessage(err);
  }
  return 'started';
}

describe('Detector.create checks the graph against the manifest', () => {
  it('names a file that is not an ONNX model', async () => {
    const dir = modelCopy(() => undefined);
    writeFileSync(path.join(dir, 'yolox-nano', 'yolox_nano.onnx'), 'this is not a protobuf');
    expect(await startError(dir)).toMatch(
      /yolox_nano\.onnx: onnxruntime cannot load this model .*manifest\.yaml, field file/,
    );
  });

  it('names a wrong input name, size, output name, family and class count', async () => {
    const edit = (f: (m: Record<string, Record<string, unknown>>) => void): string =>
      modelCopy((m) => f(m as Record<string, Record<string, unknown>>));
    expect(await startError(edit((m) => (m.input!.name = 'image')))).toMatch(
      /manifest\.yaml: input\.name: the graph has no input "image" \(it has: images\)/,
    );
    expect(await startError(edit((m) => (m.input!.width = 640)))).toMatch(
      /input\.width: 640, but the graph input is fixed at 416/,
    );
    expect(await startError(edit((m) => (m.input!.maxBatch = 4)))).toMatch(
      /input\.maxBatch: 4, but the graph batch dimension is fixed at 1/,
    );
    expect(await startError(edit((m) => (m.input!.dtype = 'uint8')))).toMatch(
      /manifest\.yaml: input\.dtype: uint8, but the graph input "images" is float32/,
    );
    expect(await startError(edit((m) => (m.output!.name = 'out')))).toMatch(
      /output\.name: the graph has no output "out" \(it has: output\)/,
    );
    expect(await startError(edit((m) => (m.output = { family: 'yolov8', name: 'output' })))).toMatch(
      /manifest\.yaml: the model ran but its output does not fit output\.family "yolov8".*3549 rows, expected 4 \+ 80/,
    );
    expect(await startError(edit((m) => Object.assign(m, { classes: ['a', 'b'], concepts: {} })))).toMatch(
      /85 columns, expected 5 \+ 2 classes/,
    );
  });

  it('falls back to the next execution provider and says so', async () => {
    const reasons: string[] = [];
    const d = await Detector.create(
      loadModel(
        modelCopy(() => undefined),
        'yolox-nano',
      ),
      {
        executionProviders: ['cuda', 'cpu'],
        threads: 1,
        onFallback: (p, why) => reasons.push(`${p}: ${why}`),
      },
    );
    expect(d.provider).toBe('cpu');
    await d.close();
    expect(reasons[0]).toMatch(/^cuda: /);
  });
});
