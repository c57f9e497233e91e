/**
 * The search index (search.ts): one document per case in `case_search_rows` (lower-cased, kept by triggers on `cases`
 * so every writer — the service, benchmarks, a later importer — keeps it in step; back-filled for existing databases)
 * and an FTS5 `trigram` index over those documents (`case_search`, external content, kept by triggers on the rows).
 * `n` is a stable integer for the FTS rowid (a VACUUM may renumber the rowids of `cases`).
 */
import type { Migration } from '../kernel/db.ts';
import { documentSql, lowerAscii } from './search.ts';

const doc = (r: string): string => `lower(${documentSql(r)})`;
const pgDoc = (r: string): string => lowerAscii('postgres', documentSql(r, 'postgres'));

export const searchMigration: Migration = {
  id: 'cases-003-search',
  sql: `
CREATE TABLE case_search_rows (n INTEGER PRIMARY KEY, case_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
CREATE VIRTUAL TABLE case_search USING fts5(
  body, content = 'case_search_rows', content_rowid = 'n', tokenize = 'trigram'
);
INSERT INTO case_search_rows (case_id, body) SELECT c.id, ${doc('c')} FROM cases c ORDER BY c.created_at, c.id;
INSERT INTO case_search (case_search) VALUES ('rebuild');
CREATE TRIGGER case_search_rows_insert AFTER INSERT ON case_search_rows BEGIN
  INSERT INTO case_search (rowid, body) VALUES (new.n, new.body);
END;
CREATE TRIGGER case_search_rows_delete AFTER DELETE ON case_search_rows BEGIN
  INSERT INTO case_search (case_search, rowid, body) VALUES ('delete', old.n, old.body);
END;
CREATE TRIGGER case_search_rows_update AFTER UPDATE ON case_search_rows BEGIN
  INSERT INTO case_search (case_search, rowid, body) VALUES ('delete', old.n, old.body);
  INSERT INTO case_search (rowid, body) VALUES (new.n, new.body);
END;
CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_search_rows (case_id, body) VALUES (new.id, ${doc('new')});
END;
CREATE TRIGGER cases_search_update AFTER UPDATE ON cases WHEN ${doc('old')} IS NOT ${doc('new')} BEGIN
  UPDATE case_search_rows SET body = ${doc('new')} WHERE case_id = new.id;
END;
CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
  DELETE FROM case_search_rows WHERE case_id = old.id;
END;
`,
  // PostgreSQL: the same documents, kept by one trigger function (PL/pgSQL, in every PostgreSQL-compatible server);
  // searched with strpos() (search.ts). EXECUTE PROCEDURE: the spelling openGauss and KingbaseES accept too.
  pg: `
CREATE TABLE case_search_rows (case_id TEXT PRIMARY KEY, body TEXT NOT NULL);
INSERT INTO case_search_rows (case_id, body) SELECT c.id, ${pgDoc('c')} FROM cases c;
CREATE FUNCTION case_search_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM case_search_rows WHERE case_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO case_search_rows (case_id, body) VALUES (NEW.id, ${pgDoc('NEW')})
    ON CONFLICT (case_id) DO UPDATE SET body = excluded.body WHERE case_search_rows.body <> excluded.body;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER cases_search AFTER INSERT OR UPDATE OR DELETE ON cases FOR EACH ROW EXECUTE PROCEDURE case_search_keep();
`,
};
