/** UI configuration and the map's static layers: grid cells and the road network, as GeoJSON. */
import path from 'node:path';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import { Hono } from 'hono';
import type { Clock } from '../kernel/clock.ts';
import type { Config } from '../kernel/config/schema.ts';
import type { ApiEnv } from '../kernel/types/user.ts';
import { readRoadLines } from '../telemetry/route/load-roads.ts';
import { uiConfig } from './ui-config.ts';

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
  app.get('/api/ui/config', (c) => c.json(uiConfig(config, clock.now())));
  app.get('/api/map/grid', (c) => c.json(gridGeoJson(config)));
  app.get('/api/map/roads', (c) => {
    roads ??= roadsGeoJson(config, baseDir);
    return c.json(roads);
  });
  return app;
}
