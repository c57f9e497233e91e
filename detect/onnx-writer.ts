/**
 * A tiny ONNX (protobuf) writer for tests: enough of ModelProto to build small graphs of constants and a few ops,
 * so a test can make a model with the output shape of a city's own detector (YOLOv8/11-style `[1, 4+nc, N]`)
 * without Python. Field numbers from onnx/onnx.proto (IR version 8, opset 13).
 */

type Field = readonly [number, Buffer];

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = BigInt(n);
  if (v < 0n) v += 1n << 64n;
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return Buffer.from(out);
}

/** Wire type 0 (varint) field. */
const int = (field: number, n: number): Buffer => Buffer.concat([varint(field << 3), varint(n)]);
/** Wire type 2 (length-delimited) field. */
function bytes(field: number, data: Buffer | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([varint((field << 3) | 2), varint(b.length), b]);
}
const msg = (fields: readonly Field[]): Buffer => Buffer.concat(fields.map(([f, b]) => bytes(f, b)));

export interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly ints?: Readonly<Record<string, number>>;
}

export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly values: Float32Array;
}

export interface OnnxGraph {
  readonly inputs: readonly { name: string; dims: readonly number[] }[];
  readonly outputs: readonly { name: string; dims: readonly number[] }[];
  readonly constants: readonly OnnxTensor[];
  readonly nodes: readonly OnnxNode[];
}

const FLOAT = 1;

function valueInfo(name: string, dims: readonly number[]): Buffer {
  const shape = msg(dims.map((d) => [1, int(1, d)]));
  const tensorType = Buffer.concat([int(1, FLOAT), bytes(2, shape)]);
  return Buffer.concat([bytes(1, name), bytes(2, bytes(1, tensorType))]);
}

function tensor(t: OnnxTensor): Buffer {
  const raw = Buffer.from(t.values.buffer, t.values.byteOffset, t.values.byteLength);
  return Buffer.concat([...t.dims.map((d) => int(1, d)), int(2, FLOAT), bytes(8, t.name), bytes(9, raw)]);
}

function node(n: OnnxNode, i: number): Buffer {
  const attrs = Object.entries(n.ints ?? {}).map(([name, v]) =>
    bytes(5, Buffer.concat([bytes(1, name), int(3, v), int(20, 2 /* INT */)])),
  );
  return Buffer.concat([
    ...n.inputs.map((s) => bytes(1, s)),
    ...n.outputs.map((s) => bytes(2, s)),
    bytes(3, `n${i}`),
    bytes(4, n.op),
    ...attrs,
  ]);
}

/** The serialised ModelProto of `g` (float32 tensors only). */
export function onnxModel(g: OnnxGraph): Buffer {
  const graph = Buffer.concat([
    ...g.nodes.map((n, i) => bytes(1, node(n, i))),
    bytes(2, 'g'),
    ...g.constants.map((t) => bytes(5, tensor(t))),
    ...g.inputs.map((v) => bytes(11, valueInfo(v.name, v.dims))),
    ...g.outputs.map((v) => bytes(12, valueInfo(v.name, v.dims))),
  ]);
  const opset = Buffer.concat([bytes(1, ''), int(2, 13)]);
  return Buffer.concat([int(1, 8), bytes(2, 'gridwatch-test'), bytes(7, graph), bytes(8, opset)]);
}

/**
 * A detector with the output of a YOLOv8/11 export for `nc` custom classes: input `images` [1, 3, size, size]
 * (float), output `output0` [1, 4 + nc, N] whose columns are `columns` (cx, cy, w, h in input pixels, then the nc
 * class scores) — constant, plus 0 × the mean of the input so the graph really reads its input.
 */
export function yolov8StyleModel(size: number, nc: number, columns: readonly (readonly number[])[]): Buffer {
  const n = columns.length;
  const values = new Float32Array((4 + nc) * n);
  columns.forEach((col, a) => {
    if (col.length !== 4 + nc) throw new Error(`column ${a} has ${col.length} values, expected ${4 + nc}`);
    for (const [r, v] of col.entries()) values[r * n + a] = v;
  });
  return onnxModel({
    inputs: [{ name: 'images', dims: [1, 3, size, size] }],
    outputs: [{ name: 'output0', dims: [1, 4 + nc, n] }],
    constants: [
      { name: 'heads', dims: [1, 4 + nc, n], values },
      { name: 'zero', dims: [], values: new Float32Array([0]) },
    ],
    nodes: [
      { op: 'ReduceMean', inputs: ['images'], outputs: ['mean'], ints: { keepdims: 0 } },
      { op: 'Mul', inputs: ['mean', 'zero'], outputs: ['nothing'] },
      { op: 'Add', inputs: ['heads', 'nothing'], outputs: ['output0'] },
    ],
  });
}
