#!/usr/bin/env node
// gridwatch command-line entry: runs the TypeScript sources through tsx (no build step).
process.env.ORT_DISABLE_TELEMETRY ??= '1';
const { register } = await import('tsx/esm/api');
register();
await import('../main.ts');
