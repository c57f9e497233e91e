import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../kernel/testing.ts';
import { parseZone, runWatch } from './watch.ts';

const CART = 'demo/media/detectron_street_cart_17790319373.jpg';
const ZONE = '0.28,0.4 0.62,0.4 0.62,1 0.28,1';

describe('gridwatch watch', () => {
  it('parses a zone and names a bad point', () => {
    expect(parseZone(' 0.1,0.2  0.5,0.2 0.5,0.9 ')).toEqual([
      [0.1, 0.2],
      [0.5, 0.2],
      [0.5, 0.9],
    ]);
    expect(() => parseZone('0.1,0.2 0.5 0.5,0.9')).toThrow(
      '--zone: point 2 "0.5" must be "x,y" with x and y between 0 and 1',
    );
    expect(() => parseZone('0.1,0.2 1.5,0.2 0.5,0.9')).toThrow(/point 2 "1.5,0.2"/);
    expect(() => parseZone('0.1,0.2 0.5,0.2')).toThrow('--zone needs at least 3 points "x,y", got 2');
  });

  it('refuses bad options with a message naming them, before starting anything', async () => {
    const flags = {
      rule: 'vending',
      zone: ZONE,
      dwell: '30',
      clear: '30',
      duration: '60',
      fps: '1',
      data: tempDir(),
      models: 'models',
      model: 'yolox-nano',
    };
    await expect(runWatch(CART, { ...flags, rule: 'parking' })).rejects.toThrow(
      '--rule must be "vending" or "litter", got "parking"',
    );
    await expect(runWatch(CART, { ...flags, dwell: 'soon' })).rejects.toThrow(
      '--dwell must be a number of seconds 1–86400, got "soon"',
    );
    await expect(runWatch(CART, { ...flags, width: '9' })).rejects.toThrow(
      '--width must be a number of pixels 32–4096, got "9"',
    );
    await expect(runWatch(CART, { ...flags, zone: '0.1,0.1 0.9,0.1' })).rejects.toThrow(
      '--zone needs at least 3 points',
    );
  });

  it('prints exactly one JSON line for the street cart in a no-vending zone, with evidence files; exits', async () => {
    const data = tempDir();
    const r = await runCli(
      [
        'watch',
        CART,
        '--rule',
        'vending',
        '--zone',
        ZONE,
        '--dwell',
        '2',
        '--duration',
        '6',
        '--fps',
        '2',
        '--width',
        '1116',
        '--json',
        '--data',
        data,
      ],
      60_000,
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const hit = JSON.parse(lines[0]!) as {
      rule: string;
      category: string;
      zone: string;
      boxes: { label: string }[];
      evidence: { kind: string; file: string }[];
    };
    expect(hit).toMatchObject({ rule: 'vending', category: '05-04', zone: 'watch-zone' });
    expect(hit.boxes.map((b) => b.label)).toContain('bench');
    expect(hit.evidence.map((e) => e.kind)).toEqual(['annotated', 'snapshot']);
    expect((await sharp(readFileSync(hit.evidence[0]!.file)).metadata()).format).toBe('jpeg');
  }, 60_000);
});
