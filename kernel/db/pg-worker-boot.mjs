// Worker-thread entry of the PostgreSQL backend: registers tsx in this thread (no build step), then runs the worker.
import { register } from 'tsx/esm/api';

register();
await import('./pg-worker.ts');
