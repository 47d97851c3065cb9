import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { migrateSqlite } from "../lib/server/db/sqlite/migrate";
import { createApi } from "./helpers/api";
import { testDb } from "./helpers/db";
import { projectRoot, spawnServer, startServer, testEngine } from "./helpers/server";
import { connectSocket, nextEvent } from "./helpers/socket";

const freshDir = () => mkdtempSync(path.join(tmpdir(), "auraflow-life-"));
/** What only the SQLite engine does (its file, its journal mode, its migrations on start). */
const sqliteOnly = { skip: testEngine() !== "sqlite" && "an SQLite engine test; TEST_DATABASE_URL is PostgreSQL" };

function schemaOf(dbFile: string): string[] {
  const sqlite = new Database(dbFile, { readonly: true });
  try {
    return (sqlite.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY type, name`).all() as { type: string; name: string; sql: string }[])
      .map((row) => `${row.type} ${row.name}: ${row.sql}`);
  } finally {
    sqlite.close();
  }
}

describe("zero-config first start", () => {
  it("creates the data folder, the SQLite file in WAL mode and a private secret, and reuses them on restart", sqliteOnly, async () => {
    const parent = freshDir();
    const dataDir = path.join(parent, "nested", "data");
    try {
      const first = await startServer({ dataDir });
      const api = createApi(first.url);
      const { token } = await api.register();
      assert.equal(await first.stop(), 0, "SIGTERM shuts down cleanly with exit code 0");

      const secretFile = path.join(dataDir, "auth-secret");
      assert.ok(existsSync(secretFile));
      assert.equal(statSync(secretFile).mode & 0o777, 0o600, "only the owner may read the secret");
      const secret = readFileSync(secretFile, "utf8");
      assert.ok(secret.trim().length >= 32);

      const sqlite = new Database(path.join(dataDir, "auraflow.db"));
      assert.equal(sqlite.pragma("journal_mode", { simple: true }), "wal");
      sqlite.close();

      const second = await startServer({ dataDir });
      try {
        assert.doesNotMatch(second.output(), /applied migrations/, "nothing to apply the second time");
        const me = await createApi(second.url).get("/api/auth/me", { token });
        assert.equal(me.status, 200, "tokens survive a restart: the secret was persisted");
        assert.equal(readFileSync(secretFile, "utf8"), secret);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("uses AUTH_SECRET from the environment instead of generating one", async () => {
    const dataDir = freshDir();
    try {
      const server = await startServer({ dataDir, env: { AUTH_SECRET: "s".repeat(40) } });
      await server.stop();
      assert.equal(existsSync(path.join(dataDir, "auth-secret")), false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("environment validation", () => {
  const invalid: [string, Record<string, string>, RegExp][] = [
    ["a non-numeric PORT", { PORT: "five-thousand" }, /PORT/],
    ["a PORT out of range", { PORT: "70000" }, /PORT/],
    ["a short AUTH_SECRET", { AUTH_SECRET: "short" }, /AUTH_SECRET: must be at least 32 characters/],
    ["an unsupported DATABASE_URL", { DATABASE_URL: "mysql://localhost/db" }, /DATABASE_URL/],
    ["a DATABASE_POOL_SIZE of 0", { DATABASE_POOL_SIZE: "0" }, /DATABASE_POOL_SIZE/],
    ["a PostgreSQL server that does not answer", { DATABASE_URL: "postgresql://auraflow@127.0.0.1:1/auraflow" }, /DATABASE_URL: cannot connect/],
  ];
  for (const [what, env, message] of invalid) {
    it(`refuses to start with ${what}, saying which variable is wrong`, async () => {
      const dataDir = freshDir();
      try {
        const child = spawnServer(dataDir, env);
        let output = "";
        child.stdout!.on("data", (chunk) => (output += chunk));
        child.stderr!.on("data", (chunk) => (output += chunk));
        const [code] = await once(child, "exit");
        assert.equal(code, 1);
        assert.match(output, /Invalid environment/);
        assert.match(output, message);
        assert.doesNotMatch(output, /\n\s+at /, "a readable message, not a stack trace");
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});

describe("graceful shutdown", () => {
  it("closes live sockets and exits 0 on SIGTERM", async () => {
    const server = await startServer();
    const api = createApi(server.url);
    const { token } = await api.register();
    const socket = await connectSocket(server.url, { token });
    const disconnected = nextEvent(socket, "disconnect");
    assert.equal(await server.stop(), 0);
    await disconnected;
    assert.equal(socket.connected, false);
    socket.close();
  });
});

/** Columns, foreign keys and indexes per table, independent of column order. */
function structureOf(dbFile: string) {
  const sqlite = new Database(dbFile, { readonly: true });
  try {
    const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    return Object.fromEntries(
      tables.map((table) => [
        table,
        {
          columns: (sqlite.pragma(`table_info("${table}")`) as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[])
            .map((c) => `${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`)
            .sort(),
          foreignKeys: (sqlite.pragma(`foreign_key_list("${table}")`) as { from: string; table: string; to: string; on_delete: string }[])
            .map((fk) => `${fk.from} -> ${fk.table}.${fk.to} on delete ${fk.on_delete}`)
            .sort(),
          indexes: (sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`).all(table) as { name: string; sql: string }[])
            .map((i) => i.sql),
        },
      ]),
    );
  } finally {
    sqlite.close();
  }
}

const prismaCli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");

describe("migrations", sqliteOnly, () => {
  it("produce exactly the schema in prisma/schema.prisma (no drift between schema and migrations)", async () => {
    const dir = freshDir();
    try {
      const fromSchema = path.join(dir, "from-schema.db");
      const sql = execFileSync(process.execPath, [prismaCli, "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "shadow.db")}` },
        encoding: "utf8",
        stdio: "pipe",
      });
      const sqlite = new Database(fromSchema);
      sqlite.exec(sql);
      sqlite.close();
      const server = await startServer({ dataDir: dir });
      await server.stop();
      assert.deepEqual(structureOf(path.join(dir, "auraflow.db")), structureOf(fromSchema));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keep existing rows when a later migration is applied on start", async () => {
    const dir = freshDir();
    const firstOnly = path.join(dir, "migrations");
    try {
      const [first] = readdirSync(path.join(projectRoot, "prisma", "migrations")).filter((name) => !name.endsWith(".toml")).sort();
      mkdirSync(path.join(firstOnly, first), { recursive: true });
      copyFileSync(path.join(projectRoot, "prisma", "migrations", first, "migration.sql"), path.join(firstOnly, first, "migration.sql"));
      const dbFile = path.join(dir, "auraflow.db");
      migrateSqlite(`file:${dbFile}`, firstOnly);
      const sqlite = new Database(dbFile);
      const now = new Date().toISOString();
      sqlite.prepare(`INSERT INTO users (id, username, username_lower, email, password_hash, updated_at) VALUES (1, 'Old', 'old', 'old@example.test', 'x', ?)`).run(now);
      sqlite.prepare(`INSERT INTO communities (id, name, creator_id, member_count, updated_at) VALUES (1, 'c', 1, 1, ?)`).run(now);
      sqlite.prepare(`INSERT INTO community_members (community_id, user_id, role) VALUES (1, 1, 'owner')`).run();
      sqlite.prepare(`INSERT INTO channels (id, name, community_id, updated_at) VALUES (1, 'general', 1, ?)`).run(now);
      sqlite.prepare(`INSERT INTO messages (channel_id, sender_id, content, author, updated_at) VALUES (1, 1, 'still here', 'Old', ?)`).run(now);
      sqlite.close();
      const db = testDb(() => ({ dbFile, databaseUrl: undefined }));
      const before = await db.tableCounts();
      const migrationsBefore = await db.count("_prisma_migrations");

      const server = await startServer({ dataDir: dir });
      await server.stop();
      const after = await db.tableCounts();
      assert.ok((await db.count("_prisma_migrations")) > migrationsBefore, "later migrations were applied");
      for (const table of ["users", "communities", "community_members", "channels", "messages"]) assert.equal(after[table], before[table], table);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("`prisma migrate deploy` on a new file recreates exactly the schema the server migrates to, and each sees the other's history", async () => {
    const dir = freshDir();
    try {
      const cliDb = path.join(dir, "cli.db");
      execFileSync(process.execPath, [prismaCli, "migrate", "deploy"], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: `file:${cliDb}` },
        stdio: "pipe",
      });
      const server = await startServer({ dataDir: dir });
      await server.stop();
      const serverDb = path.join(dir, "auraflow.db");
      const tables = schemaOf(serverDb).filter((line) => line.startsWith("table "));
      assert.ok(tables.length >= 12, `expected every table, got ${tables.length}`);
      assert.deepEqual(schemaOf(serverDb), schemaOf(cliDb));

      const status = execFileSync(process.execPath, [prismaCli, "migrate", "status"], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: `file:${serverDb}` },
        encoding: "utf8",
        stdio: "pipe",
      });
      assert.match(status, /Database schema is up to date/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
