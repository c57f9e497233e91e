/**
 * Detector worker thread: one Detector per model; requests are handled in arrival order, one at a time.
 * Keep this thread's imports lean (no zod, no config): see WorkerData in worker-protocol.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../kernel/errors.ts';
import { Detector, type Prepared } from './detector.ts';
import type { ExecutionProvider } from './session.ts';
import { fromWire, packResults, type DetectRequest, type WorkerData, type WorkerMessage } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('detect/worker.ts must run in a worker thread');
const send = (m: WorkerMessage): void => port.postMessage(m);
const init = workerData as WorkerData;
const detectors = new Map<string, Detector>();

try {
  const providers: Record<string, ExecutionProvider> = {};
  for (const model of init.models) {
    const d = await Detector.create(model, {
      executionProviders: init.executionProviders,
      threads: init.threads,
      ...(init.scoreThreshold === undefined ? {} : { scoreThreshold: init.scoreThreshold }),
      onFallback: (provider, reason) => send({ type: 'fallback', provider, reason }),
    });
    detectors.set(model.name, d);
    providers[model.name] = d.provider;
  }
  // Requests run one after another (they share the detector's tensor); the pool sends the next one early so this
  // thread never sleeps between frames.
  const slots: SharedArrayBuffer[] = [];
  // A request's frames start resizing (if they need it) as soon as it arrives, overlapping the inference before it.
  const start = (req: DetectRequest): (() => Promise<void>) => {
    const d = detectors.get(req.model);
    if (!d)
      return async () =>
        send({ type: 'error', id: req.id, message: `model "${req.model}" is not loaded in this worker` });
    const shared = slots[req.slot];
    if (!shared)
      return async () => send({ type: 'error', id: req.id, message: `frame buffer slot ${req.slot} was never shared` });
    let prepared: Prepared;
    try {
      prepared = d.prepare(req.frames.map((f) => fromWire(f, shared)));
    } catch (err) {
      return async () => send({ type: 'error', id: req.id, message: errorMessage(err) });
    }
    return async () => {
      try {
        const packed = packResults(await d.detectPrepared(prepared));
        port.postMessage({ type: 'result', id: req.id, packed } satisfies WorkerMessage, [packed.rows.buffer]);
      } catch (err) {
        send({ type: 'error', id: req.id, message: errorMessage(err) });
      }
    };
  };
  let chain = Promise.resolve();
  port.on('message', (req: DetectRequest) => {
    if (req.shared) slots[req.slot] = req.shared;
    chain = chain.then(start(req));
  });
  send({ type: 'ready', providers });
} catch (err) {
  send({ type: 'fatal', message: errorMessage(err) });
}
