import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../kernel/testing.ts';
import { loadModel } from './model.ts';
import { modelCopy, modelsDir } from './testing.ts';
import { errorMessage } from '../kernel/errors.ts';

describe('loadModel', () => {
  it('loads the shipped models with classes and concepts', () => {
    for (const name of ['yolox-nano', 'yolox-nano-dynamic', 'yolox-nano-u8', 'yolox-nano-dynamic-u8']) {
      const m = loadModel(modelsDir, name);
      expect(m.classNames).toHaveLength(80);
      expect(m.manifest.output.family).toBe('yolox');
      expect(m.conceptsByClass[m.classNames.indexOf('person')]).toEqual(['person']);
      expect(m.conceptsByClass[m.classNames.indexOf('umbrella')]).toEqual(['stall-like']);
      expect(m.conceptsByClass[m.classNames.indexOf('suitcase')]).toEqual(['bag-like']);
      expect(m.conceptsByClass[m.classNames.indexOf('toothbrush')]).toEqual([]);
    }
    expect(loadModel(modelsDir, 'yolox-nano-dynamic').manifest.input.dynamic).toEqual({ multiple: 32 });
    expect(loadModel(modelsDir, 'yolox-nano-u8').manifest.input).toMatchObject({
      dtype: 'uint8',
      layout: 'NHWC',
      colour: 'RGB',
    });
  });

  it('refuses normalisation on a uint8 input (the graph converts pixels itself), naming each field', () => {
    const dir = modelCopy((m) =>
      Object.assign(m.input as object, { dtype: 'uint8', scale: 0.5, std: [1, 2, 1], pad: 114.5 }),
    );
    let msg = '';
    try {
      loadModel(dir, 'yolox-nano');
    } catch (err) {
      msg = errorMessage(err);
    }
    expect(msg).toMatch(/input\.scale: must be 1 with dtype uint8/);
    expect(msg).toMatch(/input\.std: must be \[1, 1, 1\] with dtype uint8/);
    expect(msg).toMatch(/input\.pad: must be a whole number with dtype uint8/);
    expect(msg).not.toMatch(/input\.mean/);
  });

  it('names the missing folder and the missing manifest', () => {
    expect(() => loadModel(modelsDir, 'no-such-model')).toThrow(
      /model "no-such-model": folder .*no-such-model does not exist/,
    );
    const dir = tempDir();
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    expect(() => loadModel(dir, 'empty')).toThrow(/has no manifest\.yaml \/ manifest\.yml \/ manifest\.json/);
  });

  it('names the manifest file and every bad field', () => {
    const dir = modelCopy((m) => {
      (m.input as Record<string, unknown>).colour = 'CMYK';
      (m.output as Record<string, unknown>).family = 'yolo9000';
      m.extra = 1;
    });
    let msg = '';
    try {
      loadModel(dir, 'yolox-nano');
    } catch (err) {
      msg = errorMessage(err);
    }
    expect(msg).toContain(path.join(dir, 'yolox-nano', 'manifest.yaml'));
    expect(msg).toMatch(/input\.colour: /);
    expect(msg).toMatch(/output\.family: /);
    expect(msg).toMatch(/unknown key "extra"/);
  });

  it('rejects a concept naming a class the model does not have', () => {
    const dir = modelCopy(
      (m) => ((m.concepts as Record<string, unknown>)['stall-like'] = ['umbrella', 'market stall']),
    );
    expect(() => loadModel(dir, 'yolox-nano')).toThrow(
      /manifest\.yaml: concepts\.stall-like\[1\]: unknown class "market stall"/,
    );
  });

  it('names a missing or empty ONNX file, licence and classes file', () => {
    const a = modelCopy((m) => (m.file = 'missing.onnx'));
    expect(() => loadModel(a, 'yolox-nano')).toThrow(/manifest\.yaml: file: file .*missing\.onnx does not exist/);
    const b = modelCopy(() => undefined);
    writeFileSync(path.join(b, 'yolox-nano', 'yolox_nano.onnx'), '');
    expect(() => loadModel(b, 'yolox-nano')).toThrow(/manifest\.yaml: file: .*yolox_nano\.onnx is empty/);
    const c = modelCopy(() => undefined);
    rmSync(path.join(c, 'yolox-nano', 'LICENSE.md'));
    expect(() => loadModel(c, 'yolox-nano')).toThrow(/manifest\.yaml: licence: /);
    const d = modelCopy(() => undefined);
    rmSync(path.join(d, 'yolox-nano', 'coco80.txt'));
    expect(() => loadModel(d, 'yolox-nano')).toThrow(/manifest\.yaml: classes: cannot read .*coco80\.txt: ENOENT/);
  });

  it('reports unparsable YAML with the file name', () => {
    const dir = modelCopy('input: [unclosed');
    expect(() => loadModel(dir, 'yolox-nano')).toThrow(/manifest\.yaml: cannot be parsed/);
  });
});
