/** The baseline: a bare node:http server that writes each event to every connected SSE response, nothing else. */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BareSse {
  readonly url: string;
  readonly clients: number;
  send(event: string, data: string): void;
  close(): Promise<void>;
}

export async function bareSse(): Promise<BareSse> {
  const clients = new Set<ServerResponse>();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write('event: ready\ndata: {}\n\n');
    clients.add(res);
    res.on('close', () => clients.delete(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    get clients() {
      return clients.size;
    },
    send: (event, data) => {
      for (const c of clients) c.write(`event: ${event}\ndata: ${data}\n\n`);
    },
    close: () =>
      new Promise<void>((r) => {
        for (const c of clients) c.destroy();
        server.close(() => r());
      }),
  };
}
