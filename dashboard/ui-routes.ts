/** UI configuration and the map's static layers: grid cells, the road network and the offline base map, as GeoJSON. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import { Hono } from 'hono';
import type { Clock } from '../kernel/clock.ts';
import type { Config } from '../kernel/config/schema.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import { readRoadLines } from '../telemetry/route/load-roads.ts';
import { uiConfig } from './ui-config.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';
import { errorMessage, InputError } from '../kernel/errors.ts';

const allow = access('dashboard');
const allowMap = access('map');

export function gridGeoJson(config: Config): FeatureCollection<Polygon> {
  const features: Feature<Polygon>[] = config.grid.cells.map((c) => ({
    type: 'Feature',
    properties: { code: c.code, ...(c.name ? { name: c.name } : {}) },
    geometry: {
      type: 'Polygon',
      coordinates: [[...c.polygon.map(([x, y]) => [x, y]), [c.polygon[0]![0], c.polygon[0]![1]]]],
    },
  }));
  return { type: 'FeatureCollection', features };
}

export function roadsGeoJson(config: Config, baseDir: string): FeatureCollection<LineString> {
  if (!config.roads) return { type: 'FeatureCollection', features: [] };
  const lines = readRoadLines(path.resolve(baseDir, config.roads.file));
  return {
    type: 'FeatureCollection',
    features: lines.map((l) => ({
      type: 'Feature',
      id: l.id,
      properties: { id: l.id, ...(l.name ? { name: l.name } : {}), ...(l.kind ? { kind: l.kind } : {}) },
      geometry: { type: 'LineString', coordinates: l.coords.map(([x, y]) => [x, y]) },
    })),
  };
}

/**
 * The offline base map (server.map.base): polygons and lines with a "kind" (building, water, green, expressway) and
 * an optional name; empty when none is configured. A file that cannot be read or parsed is an error naming it.
 */
export function baseGeoJson(config: Config, baseDir: string): FeatureCollection {
  const file = config.server.map.base;
  if (!file) return { type: 'FeatureCollection', features: [] };
  const abs = path.resolve(baseDir, file);
  let doc: { type?: string; features?: unknown };
  try {
    doc = JSON.parse(readFileSync(abs, 'utf8')) as typeof doc;
  } catch (err) {
    throw new InputError(`server.map.base: cannot read ${file}: ${errorMessage(err)}`);
  }
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features))
    throw new InputError(`server.map.base: ${file} is not a GeoJSON FeatureCollection`);
  const features = (doc.features as Feature[]).map((f) => ({
    type: 'Feature' as const,
    properties: {
      kind: String(f.properties?.kind ?? 'building'),
      ...(typeof f.properties?.name === 'string' ? { name: f.properties.name } : {}),
    },
    geometry: f.geometry,
  }));
  return { type: 'FeatureCollection', features };
}

export function uiRoutes(config: Config, baseDir: string, clock: Clock): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  let roads: FeatureCollection<LineString> | undefined;
  let base: FeatureCollection | undefined;
  app.get(
    '/api/ui/config',
    allow(ANY_ROLE, 'What the UI needs: categories, units, cameras, vehicles, plans, map settings.'),
    (c) => c.json(uiConfig(config, clock.now())),
  );
  app.get('/api/map/grid', allowMap(ANY_ROLE, 'Grid cells as GeoJSON polygons.'), (c) => c.json(gridGeoJson(config)));
  app.get(
    '/api/map/roads',
    allowMap(ANY_ROLE, 'The road network as GeoJSON lines (empty when none is configured).'),
    (c) => {
      roads ??= roadsGeoJson(config, baseDir);
      return c.json(roads);
    },
  );
  app.get(
    '/api/map/base',
    allowMap(ANY_ROLE, 'The offline base map (buildings, water, green areas, expressways) as GeoJSON; may be empty.'),
    (c) => {
      base ??= baseGeoJson(config, baseDir);
      return c.json(base);
    },
  );
  return app;
}
