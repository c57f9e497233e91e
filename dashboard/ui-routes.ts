/** UI configuration and the map's static layers: grid cells and the road network, as GeoJSON. */
import path from 'node:path';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import { Hono } from 'hono';
import type { Clock } from '../kernel/clock.ts';
import type { Config } from '../kernel/config/schema.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import { readRoadLines } from '../telemetry/route/load-roads.ts';
import { uiConfig } from './ui-config.ts';
import { access, ANY_ROLE } from '../kernel/http/access.ts';

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

export function uiRoutes(config: Config, baseDir: string, clock: Clock): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  let roads: FeatureCollection<LineString> | undefined;
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
  return app;
}
