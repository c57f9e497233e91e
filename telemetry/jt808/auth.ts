/**
 * Authentication codes (鉴权码) handed out in 0x8100 and checked in 0x0102. A terminal's configured `authCode`, else
 * HMAC-SHA256(key, phone) in base32: stable across restarts (a terminal keeps the code it saved and need not
 * register again), unguessable without the key, which is generated once into DATA/jt808.key (mode 0600).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { phoneKey } from '../../kernel/config/jt808.ts';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function loadKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'jt808.key');
  if (existsSync(file)) {
    const k = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (k.length >= 16) return k;
    throw new Error(`${file} does not hold a hex key of at least 16 bytes; delete it to make a new one`);
  }
  const k = randomBytes(32);
  writeFileSync(file, `${k.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return k;
}

export function deriveAuthCode(key: Buffer, phone: string): string {
  const mac = createHmac('sha256', key).update(phoneKey(phone)).digest();
  let s = '';
  for (let i = 0; i < 16; i++) s += B32[mac[i]! & 31];
  return s;
}

export function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a, 'latin1');
  const y = Buffer.from(b, 'latin1');
  return x.length === y.length && timingSafeEqual(x, y);
}
