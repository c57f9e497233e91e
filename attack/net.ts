/**
 * Network helpers of the media and MQTT attacks: silent TCP connections from another loopback address (any 127/8
 * address is this machine, so "one attacker address" needs no second host), reading an HTTP-FLV stream for a while,
 * an ffmpeg publisher of a test pattern, ffprobe of what a viewer received.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../kernel/testing.ts';

/** A TCP connection from `from` that never sends a byte. Resolves once connected (or at once if refused). */
export function silentSocket(port: number, from: string): Promise<Socket> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1', localAddress: from }, () => resolve(s));
    s.on('error', () => resolve(s));
  });
}

/** Resolves when the socket is closed (at once if it already is); false after `ms`. */
export function closedWithin(s: Socket, ms: number): Promise<boolean> {
  if (s.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    s.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The bytes of an HTTP(-FLV) response body read for at most `ms`. */
export async function readFor(url: string, ms: number): Promise<Buffer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  const chunks: Buffer[] = [];
  try {
    const res = await fetch(url, { signal: abort.signal });
    const reader = res.body?.getReader();
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) chunks.push(Buffer.from(r.value));
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

/** ffmpeg publishing a 320×240 test pattern to an rtmp:// URL (what an attacker would put on the air). */
export function publishTestPattern(url: string): ChildProcess {
  const args = ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10'];
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-f', 'flv', url);
  return spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'ignore'] });
}

/** True when the process exited within `ms` (a refused publisher exits; an accepted one keeps running). */
export function exitsWithin(p: ChildProcess, ms: number): Promise<boolean> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Width × height of the video in an FLV capture. */
export async function flvSize(flv: Buffer): Promise<string> {
  const file = path.join(tempDir('gw-attack-flv-'), 'view.flv');
  writeFileSync(file, flv);
  const { stdout } = await promisify(execFile)('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0:s=x', file],
  ]);
  return stdout.trim();
}
