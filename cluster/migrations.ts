/**
 * The core's ledger of findings taken from the broker: one row per message id, written in the same transaction as
 * the case change the finding made, so a QoS 1 redelivery (after a core crash before its PUBACK) changes nothing.
 * Portable SQL (SQLite and PostgreSQL).
 */
import type { Migration } from '../kernel/db.ts';

export const clusterBridgeMigrations: readonly Migration[] = [
  {
    id: 'cluster-bridge-001-processed',
    sql: `
CREATE TABLE cluster_processed (
  msg_id TEXT PRIMARY KEY,
  node_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX cluster_processed_at ON cluster_processed (at);
CREATE INDEX cluster_processed_ref ON cluster_processed (ref);
`,
  },
];
