/**
 * Every migration of the main database (cases, users, audit, sessions, route reports, recording index …), in order:
 * the one list app.ts starts the store with, `gridwatch db migrate` applies and `gridwatch db copy` copies into, so
 * they never disagree. A module with tables in the main database adds its migrations here.
 */
import { casesMigrations } from './cases/migrations.ts';
import { clusterBridgeMigrations } from './cluster/migrations.ts';
import { dashboardMigrations } from './dashboard/migrations.ts';
import { zoneMigrations } from './detect/rules/zone-table.ts';
import { recordingMigrations } from './ingest/recording/index-store.ts';
import { clusterMigrations } from './kernel/cluster/migrations.ts';
import type { Migration } from './kernel/db.ts';
import { routeMigrations } from './telemetry/route/report-store.ts';

/** What every node's store has (and all of a one-process pilot's). */
export const mainMigrations: readonly Migration[] = [
  ...casesMigrations,
  ...dashboardMigrations,
  ...routeMigrations,
  ...recordingMigrations,
  ...zoneMigrations,
];

/** The cluster's tables: leases and heartbeats (every node of a cluster), the core's ledger of broker messages. */
export const clusterTableMigrations: readonly Migration[] = [...clusterMigrations, ...clusterBridgeMigrations];

/** Everything any role may have in the main database: what a shared PostgreSQL is made ready with. */
export const everyMainMigration: readonly Migration[] = [...mainMigrations, ...clusterTableMigrations];
