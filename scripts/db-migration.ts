// npm run db:migration <name>: after editing prisma/schema.prisma (the one source of truth), writes
// the migration for both engines with `prisma migrate diff` (offline) — prisma/migrations/<ts>_<name>
// for SQLite and prisma/postgres/migrations/<ts>_<name> for PostgreSQL — regenerates the
// PostgreSQL schema and both clients. The committed PostgreSQL schema records what the committed
// migrations produce, so it is the "from" side of both diffs.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { searchTriggersFor } from "../lib/server/db/sqlite/search-index";
import { postgresSchemaFrom, postgresSchemaPath, root, sqliteSchemaFrom, sqliteSchemaPath } from "./db-schema";

const EMPTY = "-- This is an empty migration.";

function prisma(...args: string[]): string {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** The SQL that takes a database from the `from` datamodel (null: an empty database) to the `to` datamodel. */
export function diff(from: string | null, to: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "auraflow-migration-"));
  try {
    writeFileSync(path.join(dir, "to.prisma"), to);
    if (from !== null) writeFileSync(path.join(dir, "from.prisma"), from);
    const source = from === null ? ["--from-empty"] : ["--from-schema-datamodel", path.join(dir, "from.prisma")];
    return prisma("migrate", "diff", ...source, "--to-schema-datamodel", path.join(dir, "to.prisma"), "--script");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:migration <name>   (lower-case letters, digits and _)");
    process.exit(2);
  }
  const previousPostgres = readFileSync(postgresSchemaPath, "utf8");
  const previousSqlite = sqliteSchemaFrom(previousPostgres);
  const nextSqlite = readFileSync(sqliteSchemaPath, "utf8");
  const nextPostgres = postgresSchemaFrom(nextSqlite);

  const sqliteSql = diff(previousSqlite, nextSqlite);
  const migrations = {
    [path.join("prisma", "migrations")]: sqliteSql + searchTriggersFor(sqliteSql),
    [path.join("prisma", "postgres", "migrations")]: diff(previousPostgres, nextPostgres),
  };
  if (Object.values(migrations).every((sql) => sql.trim() === EMPTY)) {
    console.log("prisma/schema.prisma has no changes since the last migration: nothing written.");
    return;
  }
  const folder = `${timestamp()}_${name}`;
  for (const [dir, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(root, dir, folder), { recursive: true });
    writeFileSync(path.join(root, dir, folder, "migration.sql"), sql);
    console.log(`wrote ${path.join(dir, folder, "migration.sql")}`);
  }
  writeFileSync(postgresSchemaPath, nextPostgres);
  console.log(`wrote ${path.relative(root, postgresSchemaPath)}`);
  prisma("generate");
  prisma("generate", "--schema", postgresSchemaPath);
  console.log("generated both clients; the server applies the migrations at its next start");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
