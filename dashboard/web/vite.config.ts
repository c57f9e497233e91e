/**
 * Vite 8 (rolldown + oxc) build of the dashboard UI: Preact through the automatic JSX runtime, no CDN, hashed assets.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** dist/.build-stamp marks a finished build (dashboard/web-build.ts compares it with the sources). */
const stamp: Plugin = {
  name: 'gridwatch-build-stamp',
  closeBundle() {
    writeFileSync(new URL('./dist/.build-stamp', import.meta.url), new Date().toISOString());
  },
};

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [stamp],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    reportCompressedSize: false,
  },
});
