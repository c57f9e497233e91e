// Worker-thread entry: registers tsx in this thread (no build step), then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
