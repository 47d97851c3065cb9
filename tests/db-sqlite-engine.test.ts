import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import type { Engine } from "../lib/server/db/engine";
import { driverConnection } from "../lib/server/db/sqlite/connection";
import { createSqliteEngine } from "../lib/server/db/sqlite";
import { migrateSqlite } from "../lib/server/db/sqlite/migrate";
import { isoFromSql } from "../lib/server/db/sqlite/statements";
import { projectRoot } from "./helpers/server";

// The SQLite engine runs its hot queries as statements prepared on Prisma's own connection
// (lib/server/db/sqlite). One connection means one transaction scope: a statement that ran while
// another request's interactive transaction was open would become part of it (and be rolled back
// with it). These tests hold a transaction open on a real database file and check that the hot
// queries wait for it.

const dataDir = mkdtempSync(path.join(os.tmpdir(), "auraflow-sqlite-engine-"));
const url = `file:${path.join(dataDir, "engine.db")}`;
let engine: Engine;
let channelId: number;

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
const revoke = (jti: string, tx: Engine["db"]) => tx.revokedToken.create({ data: { jti, user_id: 1, expires_at: new Date(Date.now() + 60_000) } });
/**
 * Opens a transaction that revokes session `jti` and stays open until `release()`, then rolls
 * back; `rolledBack` resolves with the rollback's reason.
 */
async function holdRevokingTransaction(jti: string) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const rolledBack = engine
    .transaction(async (tx) => {
      await revoke(jti, tx as unknown as Engine["db"]);
      await held;
      throw new Error("roll back");
    })
    .catch((error: Error) => error.message);
  await tick();
  return { release, rolledBack };
}

const message = (content: string) => ({
  channel_id: channelId,
  sender_id: 1,
  content,
  message_type: "text" as const,
  reply_to: null,
  author: "u",
  avatar_url: null,
  nonce: null,
});
/** The same, as the hot insert takes it. */
const newMessage = (content: string) => ({ ...message(content), attachment_ids: [] });

before(async () => {
  migrateSqlite(url, path.join(projectRoot, "prisma", "migrations"));
  engine = createSqliteEngine(url);
  await engine.tune();
  await engine.db.user.create({ data: { id: 1, username: "u", username_lower: "u", email: "u@x.io", password_hash: "x" } });
  await engine.db.community.create({ data: { id: 1, name: "c", creator_id: 1 } });
  await engine.db.communityMember.create({ data: { community_id: 1, user_id: 1, role: "owner" } });
  channelId = (await engine.db.channel.create({ data: { name: "general", community_id: 1 } })).id;
});

after(async () => {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("hot queries on Prisma's SQLite connection", () => {
  it("waits for an open transaction instead of running inside it", async () => {
    const { release, rolledBack } = await holdRevokingTransaction("inside");

    let directDone = false;
    const direct = engine.queries.insertMessage(newMessage("direct"), () => undefined).then((row) => {
      directDone = true;
      return row;
    });
    await tick();
    assert.equal(directDone, false, "the direct write waits while the transaction is open");

    release();
    assert.equal(await rolledBack, "roll back");
    const written = (await direct)!;
    assert.ok(await engine.db.message.findUnique({ where: { id: written.id } }), "the direct write survived the rollback");
    assert.equal(await engine.db.revokedToken.findUnique({ where: { jti: "inside" } }), null, "the transaction's write did not");
  });

  it("does not see another transaction's uncommitted rows", async () => {
    const { release, rolledBack } = await holdRevokingTransaction("pending");
    const read = engine.queries.sessionUser(1, "pending");
    await tick();
    release();
    await rolledBack;
    assert.equal((await read)?.id, 1, "the read ran after the rollback, not inside the transaction that revoked the session");
  });

  it("runs at once inside the caller's own transaction", async () => {
    const seen = await engine.transaction(async (tx) => {
      await revoke("own", tx as unknown as Engine["db"]);
      return engine.queries.sessionUser(1, "own");
    });
    assert.equal(seen, null, "the session revoked in this transaction is seen as revoked");
  });

  it("reconnects after Prisma disconnects", async () => {
    await engine.db.$disconnect();
    assert.equal((await engine.queries.user(1))?.username, "u");
  });

  it("reads DateTimes written by Prisma and by the hot queries alike", async () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    const viaPrisma = await engine.db.message.create({ data: { ...message("dated"), created_at: at, edited_at: at } });
    const [read] = await engine.queries.channelMessages(channelId, { id: { gt: viaPrisma.id - 1, lt: viaPrisma.id + 1 }, order: "asc", take: 1, skip: 0 }, null);
    assert.equal(read.created_at, at.toISOString());
    assert.equal(read.edited_at, at.toISOString());

    const inserted = (await engine.queries.insertMessage(newMessage("dated too"), () => undefined))!;
    const back = await engine.db.message.findUniqueOrThrow({ where: { id: inserted.id } });
    assert.equal(back.created_at.toISOString(), inserted.created_at);
    assert.equal(isoFromSql("2026-01-02 03:04:05"), "2026-01-02T03:04:05.000Z", "CURRENT_TIMESTAMP's format is UTC");
  });
});

describe("the adapter's private connection field", () => {
  it("is where driverConnection looks for it (a Prisma upgrade that moves it fails here)", async () => {
    const adapter = await new PrismaBetterSQLite3({ url: ":memory:" }).connect();
    try {
      assert.ok(driverConnection(adapter) instanceof Database);
    } finally {
      await adapter.dispose();
    }
  });

  it("fails loudly when the field is missing", () => {
    assert.throws(() => driverConnection({} as never), /no longer keeps its connection in `client`/);
  });
});
