/**
 * onnxruntime session for a loaded model: execution providers in order of preference (a provider that cannot load
 * is skipped with a warning), then the graph is checked against the manifest so a mismatch fails at start.
 */
import ort from 'onnxruntime-node';
import { InputError, errorMessage } from '../kernel/errors.ts';
import type { LoadedModel } from './model.ts';

// Failures reach us as exceptions that we report with the file and field; onnxruntime's own console lines (e.g. a
// CUDA library it cannot find before we fall back to the CPU) would only be noise next to them.
ort.env.logLevel = 'fatal';

export type ExecutionProvider = 'cpu' | 'cuda' | 'tensorrt' | 'dml' | 'coreml';

export interface SessionOptions {
  readonly executionProviders: readonly ExecutionProvider[];
  /** Intra-op threads. */
  readonly threads: number;
  /** Called when a preferred provider cannot be used and the next one is tried. */
  readonly onFallback?: (provider: ExecutionProvider, reason: string) => void;
}

export interface OpenedSession {
  readonly session: ort.InferenceSession;
  readonly provider: ExecutionProvider;
}

async function create(file: string, provider: ExecutionProvider, threads: number): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(file, {
    executionProviders: [provider],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
}

export async function openSession(model: LoadedModel, opts: SessionOptions): Promise<OpenedSession> {
  const providers = opts.executionProviders.length ? opts.executionProviders : (['cpu'] as const);
  let lastError = '';
  for (const provider of providers) {
    try {
      const session = await create(model.onnxFile, provider, opts.threads);
      checkGraph(model, session);
      return { session, provider };
    } catch (err) {
      if (err instanceof InputError) throw err;
      lastError = errorMessage(err);
      if (/protobuf|load model|invalid|no such file/i.test(lastError)) {
        throw new InputError(
          `${model.onnxFile}: onnxruntime cannot load this model (manifest ${model.manifestFile}, field file): ` +
            `${lastError}`,
        );
      }
      opts.onFallback?.(provider, lastError);
    }
  }
  throw new InputError(
    `model "${model.name}": no execution provider of [${providers.join(', ')}] could run it: ${lastError}`,
  );
}

function dimsOf(session: ort.InferenceSession, name: string): readonly (number | string)[] | undefined {
  const meta = session.inputMetadata.find((m) => m.name === name);
  return meta?.isTensor ? meta.shape : undefined;
}

function typeOf(session: ort.InferenceSession, name: string): string | undefined {
  const meta = session.inputMetadata.find((m) => m.name === name);
  return meta?.isTensor ? meta.type : undefined;
}

/** Names in the manifest must exist in the graph; fixed input sizes must agree with it. */
function checkGraph(model: LoadedModel, session: ort.InferenceSession): void {
  const m = model.manifest;
  const where = model.manifestFile;
  if (!session.inputNames.includes(m.input.name)) {
    throw new InputError(
      `${where}: input.name: the graph has no input "${m.input.name}" (it has: ${session.inputNames.join(', ')})`,
    );
  }
  if (
    m.output.family === 'picodet-nms' &&
    m.output.scaleFactorInput &&
    !session.inputNames.includes(m.output.scaleFactorInput)
  ) {
    throw new InputError(`${where}: output.scaleFactorInput: the graph has no input "${m.output.scaleFactorInput}"`);
  }
  if (!session.outputNames.includes(m.output.name)) {
    throw new InputError(
      `${where}: output.name: the graph has no output "${m.output.name}" (it has: ${session.outputNames.join(', ')})`,
    );
  }
  const type = typeOf(session, m.input.name);
  if (type !== undefined && type !== m.input.dtype) {
    throw new InputError(`${where}: input.dtype: ${m.input.dtype}, but the graph input "${m.input.name}" is ${type}`);
  }
  const dims = dimsOf(session, m.input.name);
  if (dims?.length !== 4) return;
  const [, c, h, w] = m.input.layout === 'NCHW' ? dims : [dims[0], dims[3], dims[1], dims[2]];
  const fixed = (d: number | string | undefined): d is number => typeof d === 'number' && d > 0;
  if (fixed(c) && c !== 3)
    throw new InputError(
      `${where}: input.layout: the graph input has ${c} channels where ${m.input.layout} puts colour (expected 3)`,
    );
  if (fixed(w) && w !== m.input.width)
    throw new InputError(`${where}: input.width: ${m.input.width}, but the graph input is fixed at ${w}`);
  if (fixed(h) && h !== m.input.height)
    throw new InputError(`${where}: input.height: ${m.input.height}, but the graph input is fixed at ${h}`);
  const batch = dims[0];
  if (fixed(batch) && batch < m.input.maxBatch) {
    throw new InputError(
      `${where}: input.maxBatch: ${m.input.maxBatch}, but the graph batch dimension is fixed at ${batch}`,
    );
  }
}
