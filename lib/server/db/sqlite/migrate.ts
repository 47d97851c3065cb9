import { randomUUID } from "node:crypto";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { changedAfterApplying, readMigrations } from "../migrations";
import { sqliteFileFromUrl } from "../url";

// Same table and row format as `prisma migrate deploy`, so the CLI and the server agree on what
// has been applied and either can take over from the other.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Creates the SQLite file if needed, switches it to WAL and applies the pending migrations in one
 * transaction (all or none). Returns the names of the migrations it applied. Processes starting at
 * the same moment take turns on SQLite's write lock (BEGIN IMMEDIATE): the first applies
 * everything, the others find nothing left to do.
 */
export function migrateSqlite(databaseUrl: string, migrationsDir: string): string[] {
  const file = sqliteFileFromUrl(databaseUrl);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  // Password hashes and emails: readable by this account only. SQLite gives the -wal and -shm
  // files the database file's permissions.
  if (existsSync(file)) chmodSync(file, 0o600);
  else closeSync(openSync(file, "a", 0o600));
  const sqlite = new Database(file, { timeout: 10_000 });
  try {
    sqlite.pragma("journal_mode = WAL");
    // Prisma redefines SQLite tables (create new, copy, drop old, rename). With foreign keys on,
    // dropping the old table would cascade-delete every row that references it, and the pragma
    // cannot change inside a transaction: so it is off for the whole run and the result checked.
    sqlite.pragma("foreign_keys = OFF");
    sqlite.exec(MIGRATIONS_TABLE);
    const applyPending = sqlite.transaction(() => {
      const applied: string[] = [];
      for (const migration of readMigrations(migrationsDir)) {
        const row = sqlite
          .prepare(`SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ? AND rolled_back_at IS NULL AND finished_at IS NOT NULL`)
          .get(migration.name) as { checksum: string } | undefined;
        if (row) {
          if (row.checksum !== migration.checksum) throw changedAfterApplying(migration);
          continue;
        }
        const startedAt = new Date().toISOString();
        sqlite.exec(migration.sql);
        const violations = sqlite.pragma("foreign_key_check") as unknown[];
        if (violations.length) throw new Error(`Migration ${migration.name} leaves ${violations.length} broken foreign keys`);
        sqlite
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          )
          .run(randomUUID(), migration.checksum, new Date().toISOString(), migration.name, startedAt);
        applied.push(migration.name);
      }
      return applied;
    });
    return applyPending.immediate();
  } finally {
    sqlite.close();
  }
}
