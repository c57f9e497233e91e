/**
 * Schema of the cluster tables (portable SQL: SQLite ≥ 3.35 and PostgreSQL ≥ 12): leases of any resource
 * ('camera:<id>', 'leader:core', 'node:video:<id>'), the nodes' heartbeats, and the rule state of each camera that
 * must survive a move to another video node. Pass `clusterMigrations` to the main store.
 */
import type { Migration } from '../db.ts';

export const clusterMigrations: readonly Migration[] = [
  {
    id: 'cluster-001-leases',
    sql: `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  node_id TEXT NOT NULL,
  generation BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  acquired_at BIGINT NOT NULL
);
CREATE TABLE cluster_nodes (
  node_id TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  version TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  heartbeat_at BIGINT NOT NULL,
  info TEXT NOT NULL
);
CREATE TABLE camera_rule_state (
  camera_id TEXT PRIMARY KEY,
  node_id TEXT NOT NULL,
  generation BIGINT NOT NULL,
  saved_at BIGINT NOT NULL,
  state TEXT NOT NULL
);`,
  },
];
