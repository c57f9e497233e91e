import { z } from 'zod';

export const databaseSchema = z
  .strictObject({
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL, e.g. postgres://gridwatch:secret@db:5432/gridwatch')
      .optional()
      .describe(
        'PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DB; openGauss, KingbaseES and HighGo in PostgreSQL mode ' +
          'work too) for cases, users, sessions, audit and reports. Absent: the embedded SQLite file ' +
          'DATA/gridwatch.db. The password is never logged.',
      ),
  })
  .describe('The main database: embedded SQLite (default) or PostgreSQL, shared by every core node.');
