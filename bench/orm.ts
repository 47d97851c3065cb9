// Scenario 6, the ORM's cost: the database work of one message send, as the app does it (Prisma
// through lib/server, with its serial queue) and as the same SQL on better-sqlite3 prepared
// statements, on a copy of the seeded database (DATA_DIR). Each query runs for a fixed time,
// alternating bare/Prisma for ROUNDS rounds; prints the medians as JSON on stdout.
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { median } from "./lib/stats";

export interface OrmQueryResult {
  name: string;
  /** What the app calls. */
  app: string;
  /** SQL statements one Prisma call sends (counted with Prisma's query log). */
  prismaStatements: number;
  /** Through lib/server's client (its $extends serial queue), as the app runs it. */
  prismaOpsPerSec: number;
  /** The same call on a plain PrismaClient: what the queue extension itself costs. */
  plainPrismaOpsPerSec: number;
  bareOpsPerSec: number;
  /** bare ÷ Prisma: how many times faster the same work is without the ORM. */
  ratio: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [userIdArg, channelIdArg] = process.argv.slice(2);
const USER_ID = Number(userIdArg);
const CHANNEL_ID = Number(channelIdArg);
const RUN_MS = Number(process.env.BENCH_ORM_MS ?? 1500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const NONCE_WINDOW_MS = 10 * 60 * 1000;
const RUN_TAG = Date.now().toString(36);
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

async function opsPerSec(work: () => unknown): Promise<number> {
  const until = performance.now() + RUN_MS;
  let ops = 0;
  const started = performance.now();
  while (performance.now() < until) {
    for (let i = 0; i < 20; i++) await work();
    ops += 20;
  }
  return (ops * 1000) / (performance.now() - started);
}

async function main() {
  process.chdir(root);
  const { getConfig } = await import("../lib/server/config");
  const { db, transaction, tuneDatabase } = await import("../lib/server/db/client");
  const { findChannelAccess } = await import("../lib/server/access");
  const { PrismaClient } = await import("../lib/server/db/generated/client");
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  const file = getConfig().databaseUrl.replace(/^file:/, "");
  await tuneDatabase();

  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  const user = (await db.user.findUniqueOrThrow({ where: { id: USER_ID } }))!;
  const jti = "00000000-0000-4000-8000-000000000000";
  let seq = 0;

  const userLookup = sqlite.prepare(
    `SELECT * FROM users u WHERE u.id = ? AND NOT EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.user_id = u.id AND r.jti = ?) LIMIT 1`,
  );
  const channelAccess = sqlite.prepare(
    `SELECT c.*, m.id AS m_id, m.role AS m_role,
       EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = ?) AS is_channel_member
     FROM channels c JOIN community_members m ON m.community_id = c.community_id AND m.user_id = ? WHERE c.id = ?`,
  );
  const nonceLookup = sqlite.prepare(`SELECT * FROM messages WHERE sender_id = ? AND nonce = ?`);
  const releaseNonce = sqlite.prepare(`UPDATE messages SET nonce = NULL WHERE sender_id = ? AND nonce = ? AND created_at < ?`);
  const insert = sqlite.prepare(
    `INSERT INTO messages (channel_id, sender_id, content, message_type, reply_to, created_at, author, avatar_url, updated_at, nonce)
     VALUES (?, ?, ?, 'text', NULL, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const writeBare = sqlite.transaction((nonce: string) => {
    const now = new Date();
    releaseNonce.run(user.id, nonce, sqliteDate(new Date(now.getTime() - NONCE_WINDOW_MS)));
    return insert.get(CHANNEL_ID, user.id, "x".repeat(200), sqliteDate(now), user.username, user.avatar_url, sqliteDate(now), nonce);
  });
  const content = "x".repeat(200);

  const queries = [
    {
      name: "user lookup",
      app: "authenticate(): user.findFirst where id, revoked_tokens none jti",
      prisma: (client: typeof db) => client.user.findFirst({ where: { id: user.id, revoked_tokens: { none: { jti } } } }),
      bare: () => userLookup.get(user.id, jti),
    },
    {
      name: "channel access",
      app: "findChannelAccess(): channel.findUnique + community member + channel member",
      prisma: (client: typeof db) =>
        client === db
          ? findChannelAccess(user.id, CHANNEL_ID)
          : client.channel.findUnique({
              where: { id: CHANNEL_ID },
              include: {
                community: { select: { members: { where: { user_id: user.id }, take: 1 } } },
                members: { where: { user_id: user.id }, select: { id: true }, take: 1 },
              },
            }),
      bare: () => channelAccess.get(user.id, user.id, CHANNEL_ID),
    },
    {
      name: "nonce lookup",
      app: "sendMessage(): message.findUnique by (sender_id, nonce)",
      prisma: (client: typeof db) => client.message.findUnique({ where: { sender_id_nonce: { sender_id: user.id, nonce: `orm-${seq}` } } }),
      bare: () => nonceLookup.get(user.id, `orm-${seq}`),
    },
    {
      name: "message write",
      app: "sendMessage(): transaction { message.updateMany stale nonce; message.create }",
      prisma: (client: typeof db) => {
        const nonce = `orm-p-${RUN_TAG}-${seq++}`;
        const work = (tx: typeof db) =>
          tx.message
            .updateMany({ where: { sender_id: user.id, nonce, created_at: { lt: new Date(Date.now() - NONCE_WINDOW_MS) } }, data: { nonce: null } })
            .then(() =>
              tx.message.create({
                data: { channel_id: CHANNEL_ID, sender_id: user.id, content, message_type: "text", reply_to: null, author: user.username, avatar_url: user.avatar_url, nonce },
              }),
            );
        return client === db ? transaction((tx) => work(tx as typeof db)) : client.$transaction((tx) => work(tx as typeof db));
      },
      bare: () => writeBare(`orm-b-${RUN_TAG}-${seq++}`),
    },
  ];

  // A plain client (no serial-queue extension), and one with the query log on, only to count the
  // statements behind each call.
  const plain = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) }) as unknown as typeof db;
  const counting = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }), log: [{ emit: "event", level: "query" }] });
  let statements = 0;
  counting.$on("query", () => statements++);

  const results: OrmQueryResult[] = [];
  for (const query of queries) {
    await query.prisma(counting as unknown as typeof db);
    statements = 0;
    await query.prisma(counting as unknown as typeof db);
    const prismaStatements = statements;
    // Warm both paths before timing.
    for (let i = 0; i < 200; i++) {
      await query.prisma(db);
      await query.prisma(plain);
      query.bare();
    }
    const prisma: number[] = [];
    const plainPrisma: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await opsPerSec(query.bare));
      prisma.push(await opsPerSec(() => query.prisma(db)));
      plainPrisma.push(await opsPerSec(() => query.prisma(plain)));
    }
    const prismaOpsPerSec = median(prisma);
    const bareOpsPerSec = median(bare);
    results.push({
      name: query.name,
      app: query.app,
      prismaStatements,
      prismaOpsPerSec,
      plainPrismaOpsPerSec: median(plainPrisma),
      bareOpsPerSec,
      ratio: bareOpsPerSec / prismaOpsPerSec,
    });
  }
  await counting.$disconnect();
  await (plain as unknown as { $disconnect(): Promise<void> }).$disconnect();
  await db.$disconnect();
  sqlite.close();
  process.stdout.write(JSON.stringify(results) + "\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
