/**
 * Every migration of the main database (cases, users, audit, sessions, route reports, recording index …), in order:
 * the one list app.ts starts the store with, `gridwatch db migrate` applies and `gridwatch db copy` copies into, so
 * the three never disagree. A module with tables in the main database adds its migrations here.
 */
import { casesMigrations } from './cases/migrations.ts';
import { dashboardMigrations } from './dashboard/migrations.ts';
import { recordingMigrations } from './ingest/recording/index-store.ts';
import type { Migration } from './kernel/db.ts';
import { routeMigrations } from './telemetry/route/report-store.ts';

export const mainMigrations: readonly Migration[] = [
  ...casesMigrations,
  ...dashboardMigrations,
  ...routeMigrations,
  ...recordingMigrations,
];
