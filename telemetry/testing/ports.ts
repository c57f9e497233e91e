/** Test helpers for ports: kernel/testing/ports.ts (shared with the kernel's own test servers). */
export { freePort, waitForPort } from '../../kernel/testing/ports.ts';
