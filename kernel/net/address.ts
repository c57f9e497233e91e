/** Peer addresses as servers report them. */
import { networkInterfaces } from 'node:os';

/** "127.0.0.1:5000" / "::ffff:10.0.0.1:5000" / "[::1]:5000" / "::1" → the address without port and IPv4 mapping. */
export function hostOf(peer: string): string {
  let a = peer.trim();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracket) a = bracket[1] ?? a;
  else if (/^[\d.]+:\d+$/.test(a) || /^::ffff:[\d.]+:\d+$/i.test(a)) a = a.replace(/:\d+$/, '');
  return a.replace(/^::ffff:/i, '');
}

/** True for 127.0.0.0/8 and ::1 (with or without a port, IPv4-mapped or not). */
export function isLoopback(peer: string): boolean {
  const a = hostOf(peer);
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** True for loopback and for any address of this machine's own interfaces (a local process reaching a LAN bind). */
export function isLocalAddress(peer: string): boolean {
  if (isLoopback(peer)) return true;
  const a = hostOf(peer);
  return Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address === a));
}
