// Bare onnxruntime baseline for `npm run bench -- detect`: one session and a fixed input tensor (a real frame,
// pre-processed once by the main thread, or grey when none is given); on each
// { seconds } message it runs session.run in a loop for that long and answers how many runs finished.
// Plain JS so nothing but onnxruntime runs in this thread.
import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';

const { file, inputName, width, height, threads, input } = workerData;
const session = await ort.InferenceSession.create(file, {
  executionProviders: ['cpu'],
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
});
const data = input instanceof Float32Array ? input : new Float32Array(3 * width * height).fill(114);
const tensor = new ort.Tensor('float32', data, [1, 3, height, width]);
for (let i = 0; i < 5; i++) await session.run({ [inputName]: tensor });
parentPort.on('message', async ({ seconds, stop }) => {
  if (stop) {
    await session.release();
    process.exit(0);
  }
  const end = performance.now() + seconds * 1000;
  let runs = 0;
  while (performance.now() < end) {
    await session.run({ [inputName]: tensor });
    runs++;
  }
  parentPort.postMessage({ runs });
});
parentPort.postMessage({ ready: true });
