import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

// The hot paths run prepared statements on Prisma's own SQLite connection (lib/server/db/sql.ts).
// One connection means one transaction scope: a statement that ran while another request's
// interactive transaction was open would become part of it (and be rolled back with it). These
// tests hold a transaction open on a real database file and check that direct statements wait.

const dataDir = mkdtempSync(path.join(os.tmpdir(), "auraflow-direct-sql-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

type Client = typeof import("../lib/server/db/client");
type Sql = typeof import("../lib/server/db/sql");
let client: Client;
let sql: Sql;

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
const count = async () => (await sql.queryOne<{ n: number }>("SELECT COUNT(*) AS n FROM revoked_tokens"))!.n;
const revoke = (jti: string, tx: Client["db"] = client.db) =>
  tx.revokedToken.create({ data: { jti, user_id: 1, expires_at: new Date(Date.now() + 60_000) } });

before(async () => {
  const { getConfig } = await import("../lib/server/config");
  const { migrateSqlite } = await import("../lib/server/db/migrate");
  migrateSqlite(getConfig().databaseUrl, path.join(import.meta.dirname, "..", "prisma", "migrations"));
  client = await import("../lib/server/db/client");
  sql = await import("../lib/server/db/sql");
  await client.tuneDatabase();
  await sql.execute(
    "INSERT INTO users (username, username_lower, email, password_hash, created_at, updated_at) VALUES ('u', 'u', 'u@x.io', 'x', ?, ?)",
    new Date(),
    new Date(),
  );
});

after(async () => {
  await client.db.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("direct SQL on Prisma's connection", () => {
  it("waits for an open transaction instead of running inside it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = client
      .transaction(async (tx) => {
        await revoke("inside", tx as unknown as Client["db"]);
        await held;
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);
    await tick();

    let directDone = false;
    const direct = sql
      .execute("INSERT INTO revoked_tokens (jti, user_id, expires_at, revoked_at) VALUES ('direct', 1, ?, ?)", new Date(), new Date())
      .then(() => (directDone = true));
    await tick();
    assert.equal(directDone, false, "the direct write waits while the transaction is open");

    release();
    assert.equal(await rolledBack, "roll back");
    await direct;
    const rows = await sql.queryAll<{ jti: string }>("SELECT jti FROM revoked_tokens ORDER BY jti");
    assert.deepEqual(rows.map((row) => row.jti), ["direct"], "the direct write survived the rollback; the transaction's did not");
  });

  it("does not see another transaction's uncommitted rows", async () => {
    const before = await count();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const committed = client.transaction(async (tx) => {
      await revoke("pending", tx as unknown as Client["db"]);
      await held;
    });
    await tick();
    const read = count();
    await tick();
    release();
    await committed;
    assert.equal(await read, before + 1, "the read ran after the commit, not in the middle of the transaction");
  });

  it("runs at once inside the caller's own transaction", async () => {
    const seen = await client.transaction(async (tx) => {
      await revoke("own", tx as unknown as Client["db"]);
      return sql.queryOne<{ jti: string }>("SELECT jti FROM revoked_tokens WHERE jti = 'own'");
    });
    assert.equal(seen?.jti, "own");
  });

  it("reconnects after Prisma disconnects", async () => {
    const before = await count();
    await client.db.$disconnect();
    assert.equal(await count(), before);
  });

  it("reads DateTimes written by Prisma and by direct SQL alike", async () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    await client.db.revokedToken.create({ data: { jti: "dated-prisma", user_id: 1, expires_at: at } });
    await sql.execute("INSERT INTO revoked_tokens (jti, user_id, expires_at, revoked_at) VALUES ('dated-sql', 1, ?, ?)", at, at);
    const rows = await sql.queryAll<{ jti: string; expires_at: string }>(
      "SELECT jti, expires_at FROM revoked_tokens WHERE jti LIKE 'dated-%' ORDER BY jti",
    );
    assert.deepEqual(
      rows.map((row) => sql.isoFromSql(row.expires_at)),
      [at.toISOString(), at.toISOString()],
    );
    const viaPrisma = await client.db.revokedToken.findUniqueOrThrow({ where: { jti: "dated-sql" } });
    assert.equal(viaPrisma.expires_at.toISOString(), at.toISOString());
    assert.equal(sql.isoFromSql("2026-01-02 03:04:05"), "2026-01-02T03:04:05.000Z", "CURRENT_TIMESTAMP's format is UTC");
  });
});
