// Scenario 6, the ORM's cost: the hottest queries of the send and history paths three ways, on a
// copy of the seeded database (DATA_DIR):
//   - Prisma: the query as a Prisma call on the app's client (with its serial queue) — how the app
//     ran them before tuning;
//   - app: the lib/server function the app runs now (a statement prepared once on Prisma's own
//     connection, lib/server/db/sqlite);
//   - bare: the same SQL as a better-sqlite3 prepared statement on a connection of its own.
// Each runs for a fixed time, alternating, for ROUNDS rounds; prints the medians as JSON on stdout.
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { median } from "./lib/stats";

export interface OrmQueryResult {
  name: string;
  /** What the app calls now. */
  app: string;
  /** SQL statements one Prisma call sends (counted with Prisma's query log). */
  prismaStatements: number;
  /** The Prisma call, on lib/server's client (its serial queue). */
  prismaOpsPerSec: number;
  /** The lib/server function the app runs now. */
  appOpsPerSec: number;
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
  const { db, queries: hot, tuneDatabase } = await import("../lib/server/db/client");
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

  const userLookup = sqlite.prepare(`SELECT * FROM users WHERE id = ? AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = ?)`);
  const channelAccess = sqlite.prepare(
    `SELECT c.*, m.id AS m_id, m.role AS m_role, m.joined_at AS m_joined_at,
       EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = ?) AS is_channel_member
     FROM channels c JOIN community_members m ON m.community_id = c.community_id AND m.user_id = ? WHERE c.id = ?`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, reply_to, author, avatar_url, updated_at, nonce)
     VALUES (?, ?, ?, 'text', ?, NULL, ?, ?, ?, ?) RETURNING *`,
  );
  const page = sqlite.prepare(`SELECT * FROM messages WHERE channel_id = ? ORDER BY id DESC LIMIT 50`);
  const content = "x".repeat(200);
  const nonce = (who: string) => `orm-${who}-${RUN_TAG}-${seq++}`;

  const queries = [
    {
      name: "session user",
      app: "queries.sessionUser(): users row unless the session (jti) is revoked",
      prisma: (client: typeof db) => client.user.findFirst({ where: { id: user.id, revoked_tokens: { none: { jti } } } }),
      app_: () => hot.sessionUser(user.id, jti),
      bare: () => userLookup.get(user.id, jti),
    },
    {
      name: "channel access",
      app: "findChannelAccess(): channel + community membership + private-channel membership",
      prisma: (client: typeof db) =>
        client.channel.findUnique({
          where: { id: CHANNEL_ID },
          include: {
            community: { select: { members: { where: { user_id: user.id }, take: 1 } } },
            members: { where: { user_id: user.id }, select: { id: true }, take: 1 },
          },
        }),
      app_: () => findChannelAccess(user.id, CHANNEL_ID),
      bare: () => channelAccess.get(user.id, user.id, CHANNEL_ID),
    },
    {
      name: "message insert",
      app: "queries.insertMessage(): INSERT … RETURNING (a repeated nonce is looked up only on conflict)",
      prisma: (client: typeof db) =>
        client.message.create({
          data: { channel_id: CHANNEL_ID, sender_id: user.id, content, message_type: "text", reply_to: null, author: user.username, avatar_url: user.avatar_url, nonce: nonce("p") },
        }),
      app_: () =>
        hot.insertMessage({ channel_id: CHANNEL_ID, sender_id: user.id, content, message_type: "text", reply_to: null, author: user.username, avatar_url: user.avatar_url, nonce: nonce("a"), attachment_ids: [] }, () => undefined),
      bare: () => {
        const now = sqliteDate(new Date());
        return insert.get(CHANNEL_ID, user.id, content, now, user.username, user.avatar_url, now, nonce("b"));
      },
    },
    {
      name: "history page (50)",
      app: "queries.channelMessages(): newest 50 rows in the API's shape",
      prisma: (client: typeof db) => client.message.findMany({ where: { channel_id: CHANNEL_ID }, orderBy: { id: "desc" }, take: 50 }),
      app_: () => hot.channelMessages(CHANNEL_ID, { order: "desc", take: 50, skip: 0 }, user.id),
      bare: () => page.all(CHANNEL_ID),
    },
  ];

  // A client with the query log on, only to count the statements behind each Prisma call.
  const counting = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }), log: [{ emit: "event", level: "query" }] });
  let statements = 0;
  counting.$on("query", () => statements++);

  const results: OrmQueryResult[] = [];
  for (const query of queries) {
    await query.prisma(counting as unknown as typeof db);
    statements = 0;
    await query.prisma(counting as unknown as typeof db);
    const prismaStatements = statements;
    // Warm every path before timing.
    for (let i = 0; i < 200; i++) {
      await query.prisma(db);
      await query.app_();
      query.bare();
    }
    const prisma: number[] = [];
    const app: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await opsPerSec(query.bare));
      prisma.push(await opsPerSec(() => query.prisma(db)));
      app.push(await opsPerSec(query.app_));
    }
    const prismaOpsPerSec = median(prisma);
    const bareOpsPerSec = median(bare);
    results.push({
      name: query.name,
      app: query.app,
      prismaStatements,
      prismaOpsPerSec,
      appOpsPerSec: median(app),
      bareOpsPerSec,
      ratio: bareOpsPerSec / prismaOpsPerSec,
    });
  }
  await counting.$disconnect();
  await db.$disconnect();
  sqlite.close();
  process.stdout.write(JSON.stringify(results) + "\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
