/**
 * Derives the demo's assigned streets from the real (MIT-licensed) Jersey City trace in demo/traces: for each street
 * a vehicle drove in a time range, the fixes whose reverse-geocoded address names that street are ordered along it
 * and simplified into a LineString. Run once; the output is shipped in demo/plans/ (see NOTICE):
 *
 *   npx tsx telemetry/route/derive-demo-streets.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lineString, simplify } from '@turf/turf';
import { repoRoot } from '../../kernel/testing.ts';
import { splitCsvLine } from '../trace/csv.ts';

interface Row {
  readonly vehicle: string;
  readonly time: string;
  readonly lat: number;
  readonly lon: number;
  readonly address: string;
}

interface Pick {
  readonly vehicle: string;
  readonly street: string;
  readonly from: string;
  readonly to: string;
}

const TRACE = path.join(repoRoot, 'demo/traces/jerseycity_jcia_trucks_2015-12-10_S-4_S-12_P-1.csv');
const rows: Row[] = readFileSync(TRACE, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [vehicle, time, lat, lon, address] = splitCsvLine(l);
    return { vehicle: vehicle!, time: time!.slice(11), lat: Number(lat), lon: Number(lon), address: address! };
  });

function street(p: Pick): GeoJSON.Feature<GeoJSON.LineString> {
  const pts = rows.filter(
    (r) => r.vehicle === p.vehicle && r.time >= p.from && r.time <= p.to && r.address.includes(` ${p.street} `),
  );
  if (pts.length < 2)
    throw new Error(`${p.vehicle} has fewer than 2 fixes on ${p.street} between ${p.from} and ${p.to}`);
  // order along the street's main direction (first principal axis)
  const mx = pts.reduce((a, r) => a + r.lon, 0) / pts.length;
  const my = pts.reduce((a, r) => a + r.lat, 0) / pts.length;
  const k = Math.cos((my * Math.PI) / 180);
  let [sxx, sxy, syy] = [0, 0, 0];
  for (const r of pts) {
    const [x, y] = [(r.lon - mx) * k, r.lat - my];
    [sxx, sxy, syy] = [sxx + x * x, sxy + x * y, syy + y * y];
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const along = (r: Row): number => (r.lon - mx) * k * Math.cos(angle) + (r.lat - my) * Math.sin(angle);
  const coords = pts.sort((a, b) => along(a) - along(b)).map((r): [number, number] => [r.lon, r.lat]);
  const line = simplify(lineString(coords), { tolerance: 0.00012, highQuality: true });
  return {
    ...line,
    properties: {
      id: `${p.vehicle}-${p.street}`.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      name: p.street,
      derivedFrom: `${p.vehicle} ${p.from}–${p.to}, JCIA trace 2015-12-10 (MIT)`,
    },
  };
}

function write(file: string, picks: readonly Pick[]): void {
  const fc = { type: 'FeatureCollection', features: picks.map(street) };
  writeFileSync(path.join(repoRoot, 'demo/plans', file), `${JSON.stringify(fc, null, 1)}\n`);
  process.stdout.write(`demo/plans/${file}: ${picks.map((p) => p.street).join(', ')}\n`);
}

// S-4, sweeper: the Heights corridor it swept in the morning, plus Griffith St (swept by S-12; S-4 never drove it).
write('s4-heights.geojson', [
  { vehicle: 'S-4', street: 'Central Ave', from: '07:32', to: '07:57' },
  { vehicle: 'S-4', street: 'Summit Ave', from: '07:59', to: '08:17' },
  { vehicle: 'S-4', street: 'Baldwin Ave', from: '08:25', to: '08:32' },
  { vehicle: 'S-12', street: 'Griffith St', from: '10:07', to: '10:32' },
]);
// S-12, sweeper: Summit Ave, Manhattan Ave and Carlton Ave in the morning.
write('s12-summit.geojson', [
  { vehicle: 'S-12', street: 'Summit Ave', from: '07:45', to: '08:17' },
  { vehicle: 'S-12', street: 'Manhattan Ave', from: '08:17', to: '08:34' },
  { vehicle: 'S-12', street: 'Carlton Ave', from: '08:35', to: '08:40' },
]);
// P-1, garbage truck: Newark Ave, Montgomery St and West Side Ave.
write('p1-collection.geojson', [
  { vehicle: 'P-1', street: 'Newark Ave', from: '08:13', to: '08:18' },
  { vehicle: 'P-1', street: 'Montgomery St', from: '08:20', to: '08:28' },
  { vehicle: 'P-1', street: 'West Side Ave', from: '08:28', to: '08:46' },
]);
