// The full-text index of message and DM content: FTS5 tables whose content is the messages and
// direct_messages rows themselves (external content, so the text is stored once), kept in step by
// triggers, so every write path (Prisma, the hot queries, cascades) updates it. Prisma's schema
// cannot describe virtual tables or triggers: the migration that made them holds this SQL, the
// drift test adds it to the database it builds from the schema, and `npm run db:migration`
// appends the triggers again to a migration that redefines (drops and recreates) either table.

const TABLES = ["messages", "direct_messages"] as const;

/**
 * unicode61 folds case and, with remove_diacritics 2, every diacritic ("café" matches "cafe");
 * the prefix indexes make the short prefix queries of search-as-you-type cheap.
 */
const virtualTable = (table: string) =>
  `CREATE VIRTUAL TABLE "${table}_fts" USING fts5(content, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');`;

/** Only a change of `content` touches the index (releasing a nonce, marking read do not). */
const triggers = (table: string) => `CREATE TRIGGER "${table}_fts_insert" AFTER INSERT ON "${table}" BEGIN
  INSERT INTO "${table}_fts" (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER "${table}_fts_delete" AFTER DELETE ON "${table}" BEGIN
  INSERT INTO "${table}_fts" ("${table}_fts", rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER "${table}_fts_update" AFTER UPDATE OF content ON "${table}" BEGIN
  INSERT INTO "${table}_fts" ("${table}_fts", rowid, content) VALUES ('delete', old.id, old.content);
  INSERT INTO "${table}_fts" (rowid, content) VALUES (new.id, new.content);
END;`;

/** Rebuilds the index from the rows (those that existed before the triggers). */
const rebuild = (table: string) => `INSERT INTO "${table}_fts" ("${table}_fts") VALUES ('rebuild');`;

/** The index as a migration creates it, existing rows included. */
export const SQLITE_SEARCH_INDEX = TABLES.map((table) => [virtualTable(table), triggers(table), rebuild(table)].join("\n")).join("\n\n") + "\n";

/**
 * What a migration that redefines `table` (CREATE TABLE "new_…", copy, DROP, RENAME) must add:
 * dropping the old table dropped its triggers. Rows keep their ids, so the index stays valid.
 */
export function searchTriggersFor(migrationSql: string): string {
  const redefined = TABLES.filter((table) => migrationSql.includes(`CREATE TABLE "new_${table}"`));
  if (!redefined.length) return "";
  return `\n-- Search index triggers (lib/server/db/sqlite/search-index.ts): dropped with the old table\n${redefined.map(triggers).join("\n")}\n`;
}
