/**
 * Who may publish and who may play on the embedded node-media-server. node-media-server 4.4.3 has one secret and one
 * `sign` scheme for both; gridwatch keeps its check switched on with a secret nobody outside this process knows and
 * decides itself in `prePublish` / `prePlay` (emitted just before that check): an allowed session gets a freshly
 * minted internal sign, any other has its sign removed, so node-media-server refuses it the way it refuses a bad
 * signature (publisher slot untouched). Fail-closed: if this gate did not run, nobody could publish or play.
 *
 * - Publish: only to a configured camera's stream, with that stream's publish key (`?key=`, sign.ts); a camera that
 *   gridwatch relays itself (RTSP, file, still) only from this machine (the relay's ffmpeg).
 * - Play: with a play token issued to a logged-in session for that stream, not expired or revoked, its session
 *   still alive in the session store at this moment (play-tokens.ts), or gridwatch's own service token from this
 *   machine.
 */
import { randomBytes } from 'node:crypto';
import type { NmsSession } from 'node-media-server';
import { isLocalAddress, isLoopback } from '../kernel/net/address.ts';
import type { PlayCheck, PlayTokens } from './play-tokens.ts';
import { publishKeyMatches, sign } from './sign.ts';

export interface GateStream {
  readonly cameraId: string;
  /** True when the camera pushes RTMP into the media server itself (then it may publish from the network). */
  readonly pushes: boolean;
}

export interface GateDeps {
  /** The configured camera stream at a path, if any. */
  readonly stream: (streamPath: string) => GateStream | undefined;
  readonly publishSecret: string;
  readonly tokens: PlayTokens;
  /** Is this login session still alive now (the dashboard's session store)? Unchecked when absent. */
  readonly sessionAlive?: (sessionId: string) => boolean;
}

export type GateVerdict = PlayCheck;

/** The peer address of a node-media-server session, from its socket when it has one. */
export function peerOf(session: NmsSession): string {
  const s = session as NmsSession & {
    socket?: { remoteAddress?: string };
    req?: { socket?: { remoteAddress?: string } };
  };
  return s.socket?.remoteAddress ?? s.req?.socket?.remoteAddress ?? session.ip;
}

/** The first value of a query parameter (a repeated parameter is not a way around the check). */
export function param(session: NmsSession, name: string): string | undefined {
  const v = session.streamQuery?.[name];
  return typeof v === 'string' ? v : undefined;
}

export class MediaGate {
  /** node-media-server's sign secret: random per start, never leaves the process. */
  private readonly internalSecret = randomBytes(32).toString('hex');

  constructor(private readonly d: GateDeps) {}

  get nmsSecret(): string {
    return this.internalSecret;
  }

  publishVerdict(session: NmsSession): GateVerdict {
    const stream = this.d.stream(session.streamPath);
    if (!stream) return { ok: false, reason: `no camera streams to ${session.streamPath}` };
    if (!publishKeyMatches(this.d.publishSecret, session.streamPath, param(session, 'key')))
      return { ok: false, reason: 'no valid publish key' };
    if (!stream.pushes && !isLocalAddress(peerOf(session)))
      return {
        ok: false,
        reason: `camera ${stream.cameraId} is relayed by gridwatch: publishing only from this machine`,
      };
    return { ok: true };
  }

  playVerdict(session: NmsSession, now: number): GateVerdict {
    const { tokens, sessionAlive } = this.d;
    return tokens.check(param(session, 'token'), session.streamPath, now, isLoopback(peerOf(session)), sessionAlive);
  }

  /** Let node-media-server's own check pass (ok) or fail (not ok) for this session. */
  apply(session: NmsSession, verdict: GateVerdict): void {
    const query = session.streamQuery as Record<string, unknown> | undefined;
    if (!query) return; // no query object: node-media-server finds no sign and refuses
    if (verdict.ok) query.sign = sign(session.streamPath, this.internalSecret, Math.floor(Date.now() / 1000) + 60);
    else delete query.sign;
  }
}
