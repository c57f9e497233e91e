/** A minimal server-sent-events reader for the dashboard benchmark: calls back per event with its name and data. */
export interface SseClient {
  close(): void;
}

export async function openSse(
  url: string,
  headers: Record<string, string>,
  onEvent: (event: string, data: string) => void,
): Promise<SseClient> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers, signal: ctrl.signal });
  if (res.status !== 200 || !res.body) throw new Error(`SSE ${url}: HTTP ${res.status}`);
  readSse(res.body, onEvent);
  return { close: () => ctrl.abort() };
}

/** Read a server-sent-events body in the background, calling back per complete event (name and data line). */
export function readSse(body: NonNullable<Response['body']>, onEvent: (event: string, data: string) => void): void {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) onEvent(event, data);
        }
      }
    } catch {
      // closed
    }
  })();
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}
