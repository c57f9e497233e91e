import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../kernel/testing.ts';
import { parseTrace } from './read.ts';

/** A GPX 1.1 track built from the first real fixes of the Munich trace (demo/traces), with a speed extension. */
const EXTENSIONS =
  '<extensions><gpxtpx:TrackPointExtension><gpxtpx:speed>2.5</gpxtpx:speed><gpxtpx:course>45</gpxtpx:course>' +
  '</gpxtpx:TrackPointExtension></extensions>';

function munichGpx(n: number): { gpx: string; rows: string[][] } {
  const rows = readFileSync(path.join(repoRoot, 'demo/traces/barefoot_munich_x0001-001.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1, n + 1)
    .map((l) => l.split(','));
  const pts = rows
    .map(
      ([t, lon, lat], i) =>
        `<trkpt lat="${lat}" lon="${lon}"><ele>520</ele><time>${t}</time>${i === 1 ? EXTENSIONS : ''}</trkpt>`,
    )
    .join('\n');
  return {
    rows,
    gpx:
      `<?xml version="1.0"?>\n<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" ` +
      'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n' +
      `<trk><name>x0001</name><trkseg>\n${pts}\n</trkseg></trk></gpx>\n`,
  };
}

describe('GPX traces', () => {
  it('reads track points with time and speed (m/s → km/h)', () => {
    const { gpx, rows } = munichGpx(5);
    const t = parseTrace(gpx, 'munich.gpx');
    expect(t).toHaveLength(5);
    expect(t[0]).toEqual({ ts: Date.parse(rows[0]![0]!), lat: Number(rows[0]![2]), lon: Number(rows[0]![1]) });
    expect(t[1]!.speedKmh).toBeCloseTo(9, 6);
  });

  it('route points when there is no track', () => {
    const t = parseTrace(
      '<gpx><rte><rtept lat="1" lon="2"><time>2024-01-01T00:00:00Z</time><course>90</course></rtept></rte></gpx>',
      'r.gpx',
    );
    expect(t).toEqual([{ ts: Date.UTC(2024, 0, 1), lat: 1, lon: 2, heading: 90 }]);
  });

  it.each([
    ['<gpx><trk><trkseg><trkpt lat="1" lon="2"></trkseg></trk></gpx>', /bad.gpx line 1: not valid XML/],
    ['<kml></kml>', /bad.gpx: not a GPX file/],
    ['<gpx><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>', /bad.gpx <trkpt> #1: field "time" is missing/],
    [
      '<gpx><trk><trkseg><trkpt lat="x" lon="2"><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>',
      /<trkpt> #1: field "lat" is not a number/,
    ],
    ['<gpx></gpx>', /bad.gpx: the trace has no fixes/],
  ])('bad GPX %j', (text, message) => {
    expect(() => parseTrace(text, 'bad.gpx')).toThrow(message);
  });
});
