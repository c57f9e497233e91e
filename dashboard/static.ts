/**
 * The built UI served by gridwatch itself: hashed /assets/* cached for a year, index.html never cached, and every
 * other non-API GET answered with index.html (the UI routes by URL hash). When the build is missing, a page says how
 * to make it. Security headers (CSP …) come from security-headers.ts, on every response.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { distDir } from './web-build.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

const MISSING = `<!doctype html><meta charset="utf-8"><title>gridwatch</title>
<h1>网格哨 gridwatch</h1><p>界面尚未构建 · The web UI is not built yet: run <code>npm run build:web</code>
(or <code>bash scripts/demo.sh</code>, which builds it), then reload.</p>`;

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

export function staticRoutes(root: string = distDir): Hono {
  const app = new Hono();
  app.get('*', async (c) => {
    const rel = decodeURIComponent(c.req.path).replace(/^\/+/, '');
    const file = path.resolve(root, rel || 'index.html');
    const inside = file.startsWith(path.resolve(root) + path.sep);
    const body = inside && rel && !rel.startsWith('.') ? await readOrUndefined(file) : undefined;
    if (body) {
      const immutable = rel.startsWith('assets/');
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (rel.startsWith('assets/')) return c.text('not found', 404);
    const index = await readOrUndefined(path.join(root, 'index.html'));
    if (!index) return c.html(MISSING, 503);
    return c.body(new Uint8Array(index), 200, {
      'Content-Type': TYPES['.html']!,
      'Cache-Control': 'no-cache',
    });
  });
  return app;
}
