/** Loading a road network file: GeoJSON LineStrings or OpenStreetMap XML (.osm), chosen by extension or content. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../kernel/errors.ts';
import { RoadNetwork, type NetworkOptions } from './network.ts';
import { parseGeoJsonRoads } from './roads-geojson.ts';
import { parseOsmRoads } from './roads-osm.ts';
import type { RoadLine } from './roads.ts';

export function readRoadLines(file: string, highways?: readonly string[]): RoadLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read road network ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const ext = path.extname(file).toLowerCase();
  const xml =
    ext === '.osm' || ext === '.xml' || (ext !== '.geojson' && ext !== '.json' && text.trimStart().startsWith('<'));
  return xml ? parseOsmRoads(text, file, highways) : parseGeoJsonRoads(text, file);
}

export function loadRoadNetwork(
  file: string,
  opts: NetworkOptions & { highways?: readonly string[] } = {},
): RoadNetwork {
  return new RoadNetwork(readRoadLines(file, opts.highways), file, opts);
}
