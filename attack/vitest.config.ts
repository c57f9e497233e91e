/** `npm run attack`: the attack suite, one real gridwatch per file, files one after another (latency figures). */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['attack/**/*.attack.test.ts'],
    globalSetup: ['attack/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    env: { ORT_DISABLE_TELEMETRY: '1' },
  },
});
