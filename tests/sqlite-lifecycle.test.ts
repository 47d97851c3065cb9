import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { migrateSqlite } from "../lib/server/db/sqlite/migrate";
import { createApi } from "./helpers/api";
import { testDb } from "./helpers/db";
import { projectRoot, startServer } from "./helpers/server";

// What only the embedded engine does: its file, its journal mode, its migrations over old rows.
// (`npm run test:postgres` leaves files named *sqlite* out.)

const freshDir = () => mkdtempSync(path.join(tmpdir(), "auraflow-life-"));

describe("zero-config first start on SQLite", () => {
  it("creates the data folder, the SQLite file in WAL mode and a private secret, and reuses them on restart", async () => {
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

});

describe("SQLite migrations", () => {
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
});
