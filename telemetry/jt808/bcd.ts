/** BCD (8421 code, two decimal digits a byte) for phone numbers and JT/T 808 times (YYMMDDhhmmss, UTC+8). */

/** Digits → BCD bytes, left-padded with zeros to `bytes` bytes. Throws on non-digits or too many digits. */
export function encodeBcd(digits: string, bytes: number): Buffer {
  if (!/^\d*$/.test(digits) || digits.length > bytes * 2)
    throw new RangeError(`"${digits}" is not at most ${bytes * 2} decimal digits`);
  const s = digits.padStart(bytes * 2, '0');
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (Number(s[2 * i]) << 4) | Number(s[2 * i + 1]);
  return out;
}

/** BCD bytes → digits, or null when a nibble is not 0–9. */
export function decodeBcd(buf: Buffer, start: number, bytes: number): string | null {
  let s = '';
  for (let i = start; i < start + bytes; i++) {
    const b = buf[i]!;
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) return null;
    s += `${hi}${lo}`;
  }
  return s;
}

const UTC8_MS = 8 * 3_600_000;

/** Epoch ms → BCD[6] YYMMDDhhmmss in UTC+8 (Beijing time); sub-second parts are dropped. Years 2000–2099. */
export function encodeTime(ms: number): Buffer {
  const d = new Date(Math.floor(ms / 1000) * 1000 + UTC8_MS);
  const y = d.getUTCFullYear();
  if (y < 2000 || y > 2099) throw new RangeError(`year ${y} cannot be sent as YY`);
  const p = (n: number): string => String(n).padStart(2, '0');
  const s = `${p(y - 2000)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
  return encodeBcd(`${s}${p(d.getUTCSeconds())}`, 6);
}

/** BCD[6] YYMMDDhhmmss (UTC+8) at `start` → epoch ms, or null when it is not a valid date and time. */
export function decodeTime(buf: Buffer, start: number): number | null {
  const s = decodeBcd(buf, start, 6);
  if (s === null) return null;
  const [yy, mo, dd, hh, mi, ss] = [0, 2, 4, 6, 8, 10].map((i) => Number(s.slice(i, i + 2))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || dd < 1 || hh > 23 || mi > 59 || ss > 59) return null;
  const ms = Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss);
  if (new Date(ms).getUTCDate() !== dd) return null; // 31 April, 30 February
  return ms - UTC8_MS;
}
