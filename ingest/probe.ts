/** A cheap TCP reachability check, used while a network camera waits to be restarted. */
import net from 'node:net';

/** Resolve true when host:port accepts a TCP connection within `timeoutMs`. Never rejects. */
export function tcpReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A free TCP port on `host` (bound then released: another process may still take it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Reject with a clear message when host:port cannot be bound (node-media-server would exit the process). */
export function assertPortFree(host: string, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`${what} port ${host}:${port} is not available (${err.code ?? err.message})`)),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
