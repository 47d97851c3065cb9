import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { migrateDatabase, migrationsDir } from "../lib/server/db/migrate";
import { readMigrations } from "../lib/server/db/migrations";
import { POSTGRES_SEARCH_INDEX } from "../lib/server/db/postgres/search-index";
import { SQLITE_SEARCH_INDEX } from "../lib/server/db/sqlite/search-index";
import { postgresSchemaFrom, postgresSchemaPath, sqliteSchemaPath } from "../scripts/db-schema";
import { diff } from "../scripts/db-migration";
import { testDb } from "./helpers/db";
import { releaseDatabase } from "./helpers/postgres";
import { newTestDatabase, projectRoot, startServer, testEngine, type TestServer } from "./helpers/server";

// One schema is the source of truth; each engine's migrations must build exactly the database that
// schema describes (no drift), on the engine this run uses. The catalogs of two databases are
// compared: one built by the committed migrations, one straight from the schema.

type Catalog = Record<string, unknown[]>;

function sqliteCatalog(file: string): Catalog {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`).all() as { name: string }[]).map(
      (row) => row.name,
    );
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    return {
      tables: tables,
      columns: tables.flatMap((table) =>
        (sqlite.pragma(`table_info("${table}")`) as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[])
          .sort(byName)
          .map((c) => [table, c.name, c.type, c.notnull, c.dflt_value, c.pk]),
      ),
      indexes: tables.flatMap((table) =>
        (sqlite.pragma(`index_list("${table}")`) as { name: string; unique: number; origin: string }[]).sort(byName).map((index) => [
          table,
          index.name,
          index.unique,
          index.origin,
          (sqlite.pragma(`index_xinfo("${index.name}")`) as { name: string | null; desc: number; key: number }[])
            .filter((column) => column.key)
            .map((column) => `${column.name}${column.desc ? " DESC" : ""}`),
        ]),
      ),
      // The search index's triggers (lib/server/db/sqlite/search-index.ts): a migration that
      // redefines a table drops them, which only shows here.
      triggers: sqlite.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).raw(true).all(),
      foreignKeys: tables.flatMap((table) =>
        (sqlite.pragma(`foreign_key_list("${table}")`) as { table: string; from: string; to: string; on_update: string; on_delete: string }[])
          .map((fk) => [table, fk.from, fk.table, fk.to, fk.on_update, fk.on_delete])
          .sort(),
      ),
    };
  } finally {
    sqlite.close();
  }
}

async function postgresCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = async (sql: string) => (await client.query({ text: sql, rowMode: "array" })).rows;
  try {
    return {
      tables: await rows(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' ORDER BY 1`,
      ),
      columns: await rows(
        `SELECT table_name, column_name, data_type, udt_name, datetime_precision, is_nullable, column_default, generation_expression
         FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
      ),
      indexes: await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
      constraints: await rows(
        `SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
         WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
      ),
      enums: await rows(
        `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
         WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname ORDER BY 1`,
      ),
    };
  } finally {
    await client.end();
  }
}

async function execute(url: string, script: string): Promise<void> {
  if (url.startsWith("file:")) {
    const sqlite = new Database(url.slice("file:".length));
    try {
      sqlite.exec(script);
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(script);
  } finally {
    await client.end();
  }
}

/** Fresh databases on this run's engine, dropped (or deleted) afterwards. */
async function withDatabases<T>(count: number, work: (urls: string[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), "auraflow-drift-"));
  const urls: string[] = [];
  try {
    for (let i = 0; i < count; i++) urls.push((await newTestDatabase()) ?? `file:${path.join(dir, `db${i}.db`)}`);
    return await work(urls);
  } finally {
    for (const url of urls) if (!url.startsWith("file:")) await releaseDatabase(process.env.TEST_DATABASE_URL!, url, { drop: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

const catalogOf = (url: string) => (url.startsWith("file:") ? Promise.resolve(sqliteCatalog(url.slice("file:".length))) : postgresCatalog(url));
/** The SQL Prisma's schema cannot describe, which the migrations add to what it does. */
const handWritten = () => (testEngine() === "postgresql" ? POSTGRES_SEARCH_INDEX : SQLITE_SEARCH_INDEX);
const engineSchema = () => {
  const schema = readFileSync(sqliteSchemaPath, "utf8");
  return testEngine() === "postgresql" ? postgresSchemaFrom(schema) : schema;
};
/** The Prisma CLI on this run's engine, against the database at `url`. */
function prisma(url: string, ...args: string[]): string {
  const config = testEngine() === "postgresql" ? ["--config", path.join("prisma", "postgres", "prisma.config.ts")] : [];
  return execFileSync(process.execPath, [path.join(projectRoot, "node_modules", "prisma", "build", "index.js"), ...args, ...config], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: "pipe",
  });
}

const migrationNames = (dir: string) => readMigrations(dir).map((migration) => migration.name);
const engineFolder = () => (testEngine() === "postgresql" ? "prisma/postgres/migrations" : "prisma/migrations");

describe("one schema, two engines", () => {
  it("the committed PostgreSQL schema is the one generated from prisma/schema.prisma", () => {
    assert.equal(readFileSync(postgresSchemaPath, "utf8"), postgresSchemaFrom(readFileSync(sqliteSchemaPath, "utf8")), "run npm run db:migration");
  });

  it("both engines have the same migration names since the PostgreSQL baseline", () => {
    const postgres = migrationNames(path.join(projectRoot, "prisma", "postgres", "migrations"));
    const sqlite = migrationNames(path.join(projectRoot, "prisma", "migrations"));
    assert.equal(postgres[0], "20261124000000_init");
    assert.deepEqual(postgres.slice(1), sqlite.filter((name) => name > "20261124030000_preferred_status"), "npm run db:migration writes each migration for both engines");
  });
});

describe(`${testEngine()} migrations`, () => {
  it(`build exactly the database prisma/schema.prisma describes (${engineFolder()} has no drift)`, async () => {
    await withDatabases(2, async ([migrated, fromSchema]) => {
      const applied = await migrateDatabase(projectRoot, migrated);
      assert.deepEqual(applied, migrationNames(migrationsDir(projectRoot, migrated)));
      await execute(fromSchema, diff(null, engineSchema()) + handWritten());
      assert.deepEqual(await catalogOf(migrated), await catalogOf(fromSchema));
    });
  });

  it("would see drift: a schema with one more column gives a different catalog", async () => {
    await withDatabases(2, async ([migrated, changed]) => {
      await migrateDatabase(projectRoot, migrated);
      const schema = engineSchema().replace(/^(\s+custom_status\s+String\?)$/m, "$1\n  pronouns String?");
      assert.notEqual(schema, engineSchema());
      await execute(changed, diff(null, schema));
      assert.notDeepEqual(await catalogOf(migrated), await catalogOf(changed));
    });
  });

  it("match the Prisma CLI: `migrate deploy` builds the same database, `migrate status` agrees with the server's history", async () => {
    await withDatabases(2, async ([byServer, byCli]) => {
      await migrateDatabase(projectRoot, byServer);
      prisma(byCli, "migrate", "deploy");
      assert.deepEqual(await catalogOf(byCli), await catalogOf(byServer));
      assert.match(prisma(byServer, "migrate", "status"), /Database schema is up to date/);
    });
  });

  it("are applied once when three servers start at the same moment on an empty database", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-three-"));
    const databaseUrl = await newTestDatabase();
    const servers: TestServer[] = [];
    try {
      const started = await Promise.allSettled([0, 1, 2].map(() => startServer({ dataDir, databaseUrl, keepData: true })));
      for (const result of started) if (result.status === "fulfilled") servers.push(result.value);
      assert.equal(servers.length, 3, started.map((r) => (r.status === "rejected" ? String(r.reason) : "")).join("\n"));
      const migrators = servers.filter((server) => /applied migrations/.test(server.output()));
      assert.equal(migrators.length, 1, "exactly one server applied the migrations");
      for (const server of servers) assert.equal((await fetch(`${server.url}/api/health`)).status, 200);

      const rows = await testDb(() => servers[0]).all<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
      );
      const names = rows.map((row) => row.migration_name);
      assert.deepEqual(names, migrationNames(path.join(projectRoot, engineFolder())));
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      if (databaseUrl) await releaseDatabase(process.env.TEST_DATABASE_URL!, databaseUrl, { drop: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
