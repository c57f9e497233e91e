/**
 * node-media-server 4.4.3 plumbing for MediaServer: connection guards in front of its two listeners, its log lines
 * into ours (credentials redacted), the socket under a session, and how to end a session.
 */
import { Socket } from 'node:net';
import type NodeMediaServer from 'node-media-server';
import type { NmsSession } from 'node-media-server';
import nmsLogger from 'node-media-server/src/core/logger.js';
import { type Logger, redactUrl } from '../kernel/log.ts';
import { ConnectionGuard, type ConnectionLimits, guardServer } from '../kernel/net/guard.ts';

/** Guards for the RTMP and the HTTP-FLV listener (created by the constructor, bound by run(): call in between). */
export function guardListeners(nms: NodeMediaServer, limits: ConnectionLimits, log: Logger): ConnectionGuard[] {
  const rtmp = new ConnectionGuard('media RTMP', limits, log);
  const http = new ConnectionGuard('media HTTP-FLV', limits, log);
  if (nms.rtmpServer.tcpServer) guardServer(nms.rtmpServer.tcpServer, rtmp);
  if (nms.httpServer.httpServer) guardServer(nms.httpServer.httpServer, http);
  return [rtmp, http];
}

/** node-media-server prints with console.log; send its lines to our logger instead, credentials redacted. */
export function routeNmsLogs(logger: Logger): void {
  const log = logger.child({ component: 'media' });
  nmsLogger.log = (message: string, level = 'info') => {
    const text = redactUrl(String(message)).replace(/\b(sign|key|token)=[\w-]+/g, '$1=***');
    if (level === 'error' || level === 'warn') log.warn(text);
    else log.debug(text);
  };
}
/** The TCP socket under an RTMP session (`socket`) or an HTTP-FLV / WS-FLV one (`req.socket`). */
export function socketOf(session: NmsSession): Socket | undefined {
  const s = session as NmsSession & { socket?: unknown; req?: { socket?: unknown } };
  if (s.socket instanceof Socket) return s.socket;
  return s.req?.socket instanceof Socket ? s.req.socket : undefined;
}

/** End a playing session: RTMP by its socket, HTTP-FLV / WS-FLV by node-media-server's close(). */
export function closeSession(session: NmsSession): void {
  const socket = (session as NmsSession & { socket?: unknown }).socket;
  if (socket instanceof Socket) socket.destroy();
  else (session as NmsSession & { close?: () => void }).close?.();
}
