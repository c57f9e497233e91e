/** A request body of any size streamed from memory one chunk at a time (the attacker holds one chunk, not the body). */
import { request } from 'node:http';

export interface StreamResult {
  readonly status: number;
  /** Bytes the server let us send before it answered or closed. */
  readonly sent: number;
  readonly ms: number;
}

export interface StreamOptions {
  readonly headers?: Record<string, string>;
  /** Declare the whole length in Content-Length (else chunked transfer encoding). */
  readonly declareLength?: boolean;
  /** First bytes of the body (e.g. a multipart part header), then filler. */
  readonly prefix?: string;
  readonly chunkBytes?: number;
  readonly method?: string;
}

export function streamPost(url: string, total: number, opts: StreamOptions = {}): Promise<StreamResult> {
  const chunk = Buffer.alloc(opts.chunkBytes ?? 64 * 1024, 0x61);
  const t0 = performance.now();
  return new Promise((resolve) => {
    let sent = 0;
    let status = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      resolve({ status, sent, ms: Math.round(performance.now() - t0) });
    };
    const headers = { ...(opts.headers ?? {}), ...(opts.declareLength ? { 'Content-Length': String(total) } : {}) };
    const req = request(url, { method: opts.method ?? 'POST', headers }, (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => {
        req.destroy();
        finish();
      });
    });
    req.on('error', finish);
    req.on('close', finish);
    const pump = (): void => {
      if (opts.prefix && sent === 0) {
        req.write(opts.prefix);
        sent += Buffer.byteLength(opts.prefix);
      }
      while (!done && sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!done) req.end();
    };
    pump();
  });
}
