import { describe, expect, it } from 'vitest';
import { validateConfig } from './load.ts';

const vehicles = [{ id: 'S-4', type: 'sweeper' }];

describe('jt808 config', () => {
  it('is off when omitted; on with defaults when present', () => {
    expect(validateConfig({}).jt808).toBeUndefined();
    const c = validateConfig({ vehicles, jt808: { terminals: [{ phone: '013912345678', vehicle: 'S-4' }] } });
    expect(c.jt808).toMatchObject({
      enabled: true,
      host: '127.0.0.1',
      port: 6808,
      connections: { idleSeconds: 180, maxPerAddress: 2000 },
    });
  });

  it('names the field of every bad terminal: unknown vehicle, duplicate phone (2013 vs padded 2019), bad phone', () => {
    const bad = () =>
      validateConfig(
        {
          vehicles,
          jt808: {
            port: 7000,
            terminals: [
              { phone: '013912345678', vehicle: 'S-4' },
              { phone: '00000000013912345678', vehicle: 'S-9' },
              { phone: '0139-1234', vehicle: 'S-4' },
              { phone: '1', vehicle: 'S-4', work: { source: 'can', bit: 40 } },
            ],
          },
        },
        'c.yaml',
      );
    expect(bad).toThrow(/jt808\.terminals\[2\]\.phone: must be the terminal phone number/);
    expect(bad).toThrow(/jt808\.terminals\[3\]\.work\.source/);
    expect(bad).toThrow(/jt808\.terminals\[3\]\.work\.bit/);
  });

  it('cross-checks terminals against vehicles with field paths', () => {
    const bad = () =>
      validateConfig({
        vehicles,
        jt808: {
          terminals: [
            { phone: '013912345678', vehicle: 'S-4' },
            { phone: '00000000013912345678', vehicle: 'S-9' },
            { phone: '2', vehicle: 'S-4' },
          ],
        },
      });
    expect(bad).toThrow(/jt808\.terminals\[1\]\.phone: phone "00000000013912345678" is also terminals\[0\]/);
    expect(bad).toThrow(
      /jt808\.terminals\[1\]\.vehicle: terminal "00000000013912345678" references unknown vehicle "S-9"/,
    );
    expect(bad).toThrow(/jt808\.terminals\[2\]\.vehicle: vehicle "S-4" already has terminal terminals\[0\]/);
  });

  it('rejects unknown keys', () => {
    expect(() => validateConfig({ jt808: { prot: 1 } })).toThrow(/jt808: unknown key "prot"|prot/);
  });
});
