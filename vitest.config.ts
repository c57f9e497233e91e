import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**', 'dist/**', 'attack/**/*.attack.test.ts'], // attack suite: npm run attack
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { ORT_DISABLE_TELEMETRY: '1' },
  },
});
