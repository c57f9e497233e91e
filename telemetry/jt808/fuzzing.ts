/** Test helper: 10,000-frame fuzz corpus of random and mutated JT/T 808 frames, each one refused for one reason. */
import { prng } from '../../kernel/prng.ts';
import { encodeFrame } from './codec.ts';
import { checkCode, ESC, FLAG } from './frame.ts';
import { encodeHeader, type Header } from './header.ts';
import { encodeBatch, encodeLocation } from './location.ts';
import { encodeAuth, encodeRegister, MSG } from './messages.ts';
import { header, sampleLocation } from './testing.ts';

/** Escape raw content (its check code included as given) and add the flags, without recomputing anything. */
export function rawFrame(content: Buffer): Buffer {
  const out: number[] = [FLAG];
  for (const b of content) {
    if (b === FLAG || b === ESC) out.push(ESC, b === FLAG ? 0x02 : 0x01);
    else out.push(b);
  }
  out.push(FLAG);
  return Buffer.from(out);
}

const withCc = (content: Buffer): Buffer => Buffer.concat([content, Buffer.from([checkCode(content)])]);

export function fuzzCorpus(phone: string, now: number, n: number, seed = 808): Buffer[] {
  const rnd = prng(seed);
  const int = (k: number): number => Math.floor(rnd() * k);
  const bytes = (len: number, avoidFlag = true): Buffer =>
    Buffer.from(
      Array.from({ length: len }, () => {
        const b = int(256);
        return avoidFlag && b === FLAG ? 0 : b;
      }),
    );
  const h = (msgId: number, over: Partial<Header> = {}): Header => ({
    ...header(msgId, 2013, int(65536), phone),
    ...over,
  });
  const loc = (over: Parameters<typeof sampleLocation>[0] = {}) => encodeLocation(sampleLocation({ ts: now, ...over }));
  const goodContent = (): Buffer => {
    const body = loc({ lat: 40.7 + rnd() / 10 });
    return Buffer.concat([encodeHeader(h(MSG.location), body.length), body]);
  };
  const gens: (() => Buffer)[] = [
    () => Buffer.concat([Buffer.from([FLAG]), bytes(1 + int(200)), Buffer.from([FLAG])]), // random bytes
    () => {
      const c = goodContent(); // one bit flipped, check code kept
      const cc = checkCode(c);
      const i = int(c.length);
      c[i] = c[i]! ^ (1 << int(8));
      return rawFrame(Buffer.concat([c, Buffer.from([cc])]));
    },
    () => {
      const w = encodeFrame(h(MSG.location), loc()); // truncated
      const cut = w.subarray(0, 2 + int(w.length - 4));
      return Buffer.concat([cut[cut.length - 1] === ESC ? cut.subarray(0, -1) : cut, Buffer.from([FLAG])]);
    },
    () => {
      const body = loc(); // header says another length
      const hd = encodeHeader(h(MSG.location), body.length);
      hd.writeUInt16BE((body.length + 1 + int(50)) & 0x3ff, 2);
      return rawFrame(withCc(Buffer.concat([hd, body])));
    },
    () => {
      const hd = encodeHeader(h(MSG.heartbeat), 0); // phone not BCD
      hd[4 + int(6)] = 0xa0 | int(16);
      return rawFrame(withCc(hd));
    },
    () => encodeFrame(h(MSG.location, { encryption: 1 + int(7) }), loc()),
    () => encodeFrame(h(MSG.batch, { packet: { total: 1 + int(5), seq: rnd() < 0.5 ? 0 : 7 + int(9) } }), bytes(10)),
    () => encodeFrame(h(0x0900 + int(0xff)), bytes(int(40), false)), // not supported
    () => encodeFrame(h(MSG.location), loc().subarray(0, int(28))), // short body
    () => {
      const b = loc();
      b[22 + int(6)] = 0x9a; // BCD time broken
      return encodeFrame(h(MSG.location), b);
    },
    () => encodeFrame(h(MSG.location), Buffer.concat([loc({ extras: {} }), Buffer.from([0x01, 4 + int(100), 0])])),
    () =>
      encodeFrame(
        h(MSG.batch),
        Buffer.concat([encodeBatch({ type: 0, items: [sampleLocation({ ts: now })] }), bytes(1 + int(5))]),
      ),
    () => encodeFrame(h(MSG.location, { phone: '013800000000' }), loc()), // another phone on this connection
    () => {
      const x = 0x03 + int(200); // 0x7d followed by neither 01 nor 02
      return Buffer.from([FLAG, 0x01, 0x02, ESC, x === FLAG ? 0x04 : x, 0x05, FLAG]);
    },
    () => Buffer.concat([Buffer.from([FLAG]), bytes(2200 + int(3000)), Buffer.from([FLAG])]), // oversized
    () => encodeFrame(h(MSG.location), loc({ lat: 90.000001 + int(1000) })), // pipeline: bad_coordinates
    () => encodeFrame(h(MSG.location), loc({ ts: now + 86_400_000 * (1 + int(100)) })), // pipeline: ts_future
    () => encodeFrame(h(MSG.location), loc({ lat: 0, lon: 0 })), // pipeline: no fix
    () => encodeFrame(h(MSG.auth), encodeAuth({ authCode: `x${int(1e9)}` }, 2013)), // wrong code
    () =>
      encodeFrame(
        h(MSG.register),
        encodeRegister(
          { province: 0, city: 0, maker: 'A', model: 'B', terminalId: 'C', plateColor: 1, plate: 'D' },
          2013,
        ).subarray(0, int(30)),
      ),
  ];
  return Array.from({ length: n }, (_, i) => gens[i % gens.length]!());
}
