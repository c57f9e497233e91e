/**
 * JT/T 808 framing: a message travels as 0x7e · escaped(header · body · check code) · 0x7e, where escaping turns
 * 0x7e into 0x7d 0x02 and 0x7d into 0x7d 0x01, and the check code is the XOR of every header and body byte.
 */
export const FLAG = 0x7e;
export const ESC = 0x7d;

/** XOR of buf[start, end). */
export function checkCode(buf: Buffer, start = 0, end = buf.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= buf[i]!;
  return x;
}

/** header · body → the bytes on the wire: flags, escaped content and check code. */
export function wrapFrame(content: Buffer): Buffer {
  const cc = checkCode(content);
  let extra = 0;
  for (const b of content) if (b === FLAG || b === ESC) extra++;
  if (cc === FLAG || cc === ESC) extra++;
  const out = Buffer.allocUnsafe(content.length + extra + 3);
  let o = 0;
  out[o++] = FLAG;
  const put = (b: number): void => {
    if (b === FLAG || b === ESC) {
      out[o++] = ESC;
      out[o++] = b === FLAG ? 0x02 : 0x01;
    } else out[o++] = b;
  };
  for (const b of content) put(b);
  put(cc);
  out[o++] = FLAG;
  return out;
}

/** Escaped bytes between two flags → the raw bytes, or null for a 0x7d not followed by 0x01 or 0x02. */
export function unescapeFrame(escaped: Buffer): Buffer | null {
  if (!escaped.includes(ESC)) return escaped;
  const out = Buffer.allocUnsafe(escaped.length);
  let o = 0;
  for (let i = 0; i < escaped.length; i++) {
    const b = escaped[i]!;
    if (b !== ESC) {
      out[o++] = b;
      continue;
    }
    const n = escaped[++i];
    if (n === 0x01) out[o++] = ESC;
    else if (n === 0x02) out[o++] = FLAG;
    else return null;
  }
  return out.subarray(0, o);
}
