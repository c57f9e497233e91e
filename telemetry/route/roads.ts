/** Road lines as read from a file, before they become a network: one polyline per road with a stable id. */

export interface RoadLine {
  /** Stable id: the feature's id / `id` / `arc_id` / `osm_id` property, `w<way id>` for OSM, else `f<index>`. */
  readonly id: string;
  readonly name?: string;
  /** Road class (OSM `highway` tag) when known. */
  readonly kind?: string;
  /** [lon, lat] vertices. */
  readonly coords: readonly (readonly [number, number])[];
}
