// Fills a fresh database (DATA_DIR) for the benchmark, before the server starts:
// - users bench0000… straight into SQLite, all with one cheap argon2 hash (login cost is not what
//   the benchmark measures, and 1000 logins at the app's real cost would take half a minute);
// - communities of CHANNEL_MEMBERS users each through the domain functions (createCommunity,
//   addMembership), so memberships, counts and read states are what the app itself writes; user k
//   joins community k mod C, so consecutive senders post in different channels;
// - a history channel whose HISTORY_MESSAGES rows are inserted in one SQLite transaction.
// Then it writes copies of the database for the bare-SQLite baseline and the ORM scenario, and
// prints the layout (as JSON) for run.ts.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import type { BenchUser } from "./lib/protocol";

export interface SeedLayout {
  password: string;
  users: (BenchUser & { id: number })[];
  channelIds: number[];
  historian: BenchUser & { id: number };
  historyMessages: number;
  seedMs: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [outFile, bareCopy, ormCopy] = process.argv.slice(2);
const USERS = Number(process.env.BENCH_USERS ?? 1000);
const CHANNEL_MEMBERS = Number(process.env.BENCH_CHANNEL_MEMBERS ?? 100);
const HISTORY_MESSAGES = Number(process.env.BENCH_HISTORY_MESSAGES ?? 100_000);
const PASSWORD = "bench-password";

/** How Prisma stores a DateTime in SQLite (read back from a row the app wrote). */
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

async function main() {
  const started = performance.now();
  process.chdir(root);
  const { getConfig } = await import("../lib/server/config");
  const config = getConfig();
  const { migrateSqlite } = await import("../lib/server/db/sqlite/migrate");
  migrateSqlite(config.databaseUrl, path.join(root, "prisma", "migrations"));
  const file = config.databaseUrl.replace(/^file:/, "");

  // argon2id at the lowest cost it accepts; the app verifies whatever parameters a hash carries.
  const passwordHash = await hash(PASSWORD, { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const insertUser = sqlite.prepare(
    `INSERT INTO users (username, username_lower, email, password_hash, display_name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const names = [...Array.from({ length: USERS }, (_, i) => `bench${String(i).padStart(5, "0")}`), "historian"];
  const ids = sqlite.transaction(() =>
    names.map((name) => {
      const at = sqliteDate(new Date());
      return (insertUser.get(name, name, `${name}@bench.auraflow.test`, passwordHash, name, at, at) as { id: number }).id;
    }),
  )();

  const { db, transaction } = await import("../lib/server/db/client");
  const { createCommunity } = await import("../lib/server/communities/create-community");
  const { insertMembership } = await import("../lib/server/communities/join-community");
  const channelOf = async (communityId: number) =>
    (await db.channel.findFirstOrThrow({ where: { community_id: communityId }, select: { id: true } })).id;

  const communities = Math.max(1, Math.ceil(USERS / CHANNEL_MEMBERS));
  const channelIds: number[] = [];
  const communityIds: number[] = [];
  for (let c = 0; c < communities; c++) {
    const community = await createCommunity(ids[c], { name: `Bench ${c}` });
    communityIds.push(community.id);
    channelIds.push(await channelOf(community.id));
  }
  for (let k = communities; k < USERS; k++) await transaction((tx) => insertMembership(tx, ids[k], communityIds[k % communities], "add"));
  const users = names.slice(0, USERS).map((username, k) => ({ id: ids[k], username, channelId: channelIds[k % communities] }));

  const historianId = ids[USERS];
  const historyChannel = await channelOf((await createCommunity(historianId, { name: "History" })).id);
  await db.$disconnect();

  const insertMessage = sqlite.prepare(
    `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, author, updated_at)
     VALUES (?, ?, ?, 'text', ?, 'historian', ?)`,
  );
  const first = Date.now() - HISTORY_MESSAGES * 1000;
  sqlite.transaction(() => {
    for (let i = 0; i < HISTORY_MESSAGES; i++) {
      const at = sqliteDate(new Date(first + i * 1000));
      insertMessage.run(historyChannel, historianId, `History message ${i}: ${"lorem ipsum ".repeat(12)}`, at, at);
    }
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  for (const copy of [bareCopy, ormCopy]) if (copy) sqlite.prepare(`VACUUM INTO ?`).run(copy);
  sqlite.close();

  const layout: SeedLayout = {
    password: PASSWORD,
    users,
    channelIds,
    historian: { id: historianId, username: "historian", channelId: historyChannel },
    historyMessages: HISTORY_MESSAGES,
    seedMs: performance.now() - started,
  };
  writeFileSync(outFile, JSON.stringify(layout));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
