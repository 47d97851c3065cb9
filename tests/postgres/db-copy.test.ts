import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { migrateDatabase } from "../../lib/server/db/migrate";
import { readMigrations } from "../../lib/server/db/migrations";
import { createApi } from "../helpers/api";
import { testDb } from "../helpers/db";
import { projectRoot, startServer, type TestServer } from "../helpers/server";

// A community moves SQLite → PostgreSQL → SQLite with `npm run db:copy`: demo data plus 10,000
// messages and a few thousand other rows, the tool running in a time zone with DST and the
// PostgreSQL database set to another one, so that any shift of an instant shows.

const adminUrl = process.env.TEST_DATABASE_URL;
const workDir = mkdtempSync(path.join(tmpdir(), "auraflow-db-copy-"));
const firstFile = path.join(workDir, "first", "auraflow.db");
const lastFile = path.join(workDir, "last.db");
const databaseName = `auraflow_copy_${process.pid}_${randomBytes(3).toString("hex")}`;
let postgresUrl: string;
let admin: pg.Client;
let toPostgres: ReturnType<typeof dbCopy>;
let toSqlite: ReturnType<typeof dbCopy>;
let general: number;
let messageCount: number;

/** The tests' view of an SQLite file the tool reads or writes. */
const sqliteFile = (dbFile: string) => testDb(() => ({ dbFile, databaseUrl: undefined }));

function dbCopy(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", path.join(projectRoot, "scripts", "db-copy.ts"), ...args], {
    cwd: projectRoot,
    env: { ...process.env, TZ: "America/Los_Angeles" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

function seedDemo(dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  for (const key of ["DATABASE_URL", "AUTH_SECRET", "NEXTAUTH_SECRET"]) delete env[key];
  const seeded = spawnSync(process.execPath, ["--import", "tsx", path.join(projectRoot, "scripts", "seed-demo.ts")], { cwd: projectRoot, env, encoding: "utf8" });
  assert.equal(seeded.status, 0, seeded.stderr);
}

/** Adds, through Prisma, what a community accumulates: history with edits and replies, DMs read and unread, blocks, logouts, moderation, sessions. */
async function addHistory(dataDir: string) {
  // The app's db client opens the database its environment names, once, when first imported.
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = `file:${path.join(dataDir, "auraflow.db")}`;
  const { db, closeDatabase } = await import("../../lib/server/db/client");
  try {
    const users = await db.user.findMany({ orderBy: { id: "asc" } });
    const channels = await db.channel.findMany({ where: { type: { not: "voice" } }, orderBy: { id: "asc" } });
    // From January on, across both of America/Los_Angeles's DST changes, with odd milliseconds.
    const start = Date.UTC(2026, 0, 1, 0, 0, 0, 7);
    const earlier = new Map<number, number[]>(channels.map((channel) => [channel.id, []]));
    for (let batch = 0; batch < 10; batch++) {
      const data = Array.from({ length: 1000 }, (_, n) => {
        const i = batch * 1000 + n;
        const sender = users[i % users.length];
        const channelId = channels[i % channels.length].id;
        const createdAt = new Date(start + i * 3_137_011);
        const parents = earlier.get(channelId)!;
        return {
          channel_id: channelId,
          sender_id: sender.id,
          content: i % 11 === 0 ? `línea ${i}\n"quoted" 'single' \\ 🦀 ${"x".repeat(i % 300)}` : `message ${i}`,
          message_type: i % 97 === 0 ? ("system" as const) : ("text" as const),
          created_at: createdAt,
          updated_at: createdAt,
          edited_at: i % 7 === 0 ? new Date(createdAt.getTime() + 61_001) : null,
          reply_to: i % 5 === 0 && parents.length ? parents[(i * 31) % parents.length] : null,
          author: sender.username,
          avatar_url: i % 3 === 0 ? `https://cdn.example.test/${sender.username}.png` : null,
          nonce: i % 4 === 0 ? `nonce-${i}` : null,
        };
      });
      for (const message of await db.message.createManyAndReturn({ data, select: { id: true, channel_id: true } })) {
        earlier.get(message.channel_id)!.push(message.id);
      }
    }
    await db.directMessage.createMany({
      data: Array.from({ length: 600 }, (_, i) => {
        const [sender, receiver] = i % 2 ? [users[0], users[1 + (i % 3)]] : [users[1 + (i % 3)], users[0]];
        const createdAt = new Date(start + i * 86_400_123);
        return { sender_id: sender.id, receiver_id: receiver.id, content: `dm ${i} ✉️`, is_read: i % 3 !== 0, created_at: createdAt, updated_at: createdAt, nonce: i % 5 ? null : `dm-${i}` };
      }),
    });
    for (const user of users) {
      for (const channel of channels) {
        await db.channelReadState.upsert({
          where: { user_id_channel_id: { user_id: user.id, channel_id: channel.id } },
          create: { user_id: user.id, channel_id: channel.id, last_read_message_id: user.id * 100 + channel.id },
          update: { last_read_message_id: user.id * 100 + channel.id },
        });
      }
    }
    await db.blockedUser.create({ data: { user_id: users[3].id, blocked_user_id: users[1].id } });
    // Moderation and accounts: booleans, nullable dates and JSON text in the newer tables.
    const community = await db.community.findFirstOrThrow({ orderBy: { id: "asc" } });
    await db.community.update({ where: { id: community.id }, data: { is_public: false } });
    await db.channel.update({ where: { id: channels[0].id }, data: { rate_limit_per_user: 30 } });
    await db.communityMember.updateMany({ where: { community_id: community.id, role: "member" }, data: { timeout_until: new Date(start + 86_400_007) } });
    await db.invite.createMany({
      data: [
        { code: "AbCdEfGh12", community_id: community.id, inviter_id: users[0].id, uses: 3, max_uses: 10, expires_at: new Date(start + 604_800_000) },
        { code: "zYxWvUt987", community_id: community.id, inviter_id: null, max_uses: 0, expires_at: null },
      ],
    });
    await db.communityBan.create({ data: { community_id: community.id, user_id: users[3].id, actor_id: users[0].id, reason: "spam «links»" } });
    await db.auditLogEntry.create({
      data: { community_id: community.id, actor_id: users[0].id, action: "member_ban_add", target_type: "user", target_id: String(users[3].id), reason: "spam", changes: JSON.stringify({ delete_message_seconds: 3600 }) },
    });
    await db.userSession.create({ data: { id: randomUUID(), user_id: users[0].id, kind: "browser", user_agent: "Mozilla/5.0 (X11; Linux x86_64)", ip: "192.0.2.7", expires_at: new Date(start + 2_592_000_000) } });
    // Uploads: sent in a message and a DM, an avatar, a community icon, one waiting (nullable links and dates).
    const [message] = await db.message.findMany({ take: 1, orderBy: { id: "asc" } });
    const [direct] = await db.directMessage.findMany({ take: 1, orderBy: { id: "asc" } });
    const file = (i: number) => ({ uploader_id: users[i % users.length].id, filename: `file ${i} «ü».png`, content_type: "image/png", size: 1000 + i, width: 640, height: 480, storage_key: `${i}/file.png`, thumbnail_key: `${i}/thumbnail.webp`, created_at: new Date(start + i * 1_000_003) });
    await db.attachment.createMany({
      data: [
        { ...file(1), message_id: message.id, attached_at: new Date(start + 1_000_500) },
        { ...file(2), direct_message_id: direct.id, attached_at: new Date(start + 2_000_500) },
        { ...file(3), kind: "avatar", width: 512, height: 512, thumbnail_key: null, attached_at: new Date(start + 3_000_500) },
        { ...file(4), kind: "icon", community_id: community.id, attached_at: new Date(start + 4_000_500) },
        { ...file(5), content_type: "application/pdf", filename: "report.pdf", width: null, height: null, thumbnail_key: null },
      ],
    });
    // Mentions (JSON text, booleans, the everyone row 0) and notification settings (an enum, nullable dates).
    const mentioned = await db.message.findMany({ take: 3, orderBy: { id: "desc" }, select: { id: true, channel_id: true } });
    for (const [i, row] of mentioned.entries()) {
      const ids = users.slice(0, i + 1).map((user) => user.id);
      await db.message.update({
        where: { id: row.id },
        data: { mention_ids: JSON.stringify(ids), mention_everyone: i === 2, mentions: { create: [...ids, ...(i === 2 ? [0] : [])].map((user_id) => ({ user_id, channel_id: row.channel_id })) } },
      });
    }
    await db.channelNotificationSetting.createMany({
      data: [
        { user_id: users[0].id, channel_id: channels[0].id, level: "mentions", muted_until: null },
        { user_id: users[1].id, channel_id: channels[1].id, level: "all", muted_until: new Date(start + 86_400_321) },
      ],
    });
    await db.communityNotificationSetting.create({ data: { user_id: users[2].id, community_id: community.id, level: "none", muted_until: null } });
    // Reactions on a message and on a DM (one link null each), emoji with variation selectors and skin tones.
    await db.reaction.createMany({
      data: [
        { message_id: message.id, user_id: users[0].id, emoji: "👍️" },
        { message_id: message.id, user_id: users[1].id, emoji: "👍️" },
        { message_id: message.id, user_id: users[1].id, emoji: "❤️" },
        { direct_message_id: direct.id, user_id: users[0].id, emoji: "👋🏽", created_at: new Date(start + 5_000_500) },
      ],
    });
    // More than one batch of text primary keys, which PostgreSQL must order as SQLite does.
    await db.revokedToken.createMany({
      data: Array.from({ length: 1500 }, (_, i) => ({ jti: randomUUID(), user_id: users[i % users.length].id, expires_at: new Date(start + i * 1000), revoked_at: new Date(start) })),
    });
  } finally {
    await closeDatabase();
  }
}

/** A DateTime as SQLite holds it (Prisma's ISO text, or an SQL default's UTC without a zone) as ISO 8601 UTC, read as text only. */
function utcIso(stored: string): string {
  const match = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(\.\d{3})?(Z|\+00:00)?$/.exec(stored);
  assert.ok(match, `unexpected stored DateTime ${stored}`);
  return `${match[1]}T${match[2]}${match[3] ?? ".000"}Z`;
}

/** Every app table of an SQLite file (not the search index, which the rows make), rows in primary-key order, each as JSON with columns by name and dates normalised. */
function dump(file: string): Map<string, string[]> {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = sqlite
      .prepare(`SELECT name FROM pragma_table_list() WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`)
      .pluck()
      .all() as string[];
    return new Map(
      tables.map((table) => {
        const columns = sqlite.prepare(`SELECT name, type, pk FROM pragma_table_info(?) ORDER BY name`).all(table) as { name: string; type: string; pk: number }[];
        const key = columns.filter((column) => column.pk).sort((a, b) => a.pk - b.pk).map((column) => `"${column.name}"`);
        const rows = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY ${key.join(", ")}`).all() as Record<string, unknown>[];
        const normalised = rows.map((row) =>
          JSON.stringify(columns.map(({ name, type }) => (type === "DATETIME" && row[name] !== null ? utcIso(row[name] as string) : row[name]))),
        );
        return [table, normalised];
      }),
    );
  } finally {
    sqlite.close();
  }
}

/** A fingerprint of every table of the PostgreSQL database: its rows as text, sorted. */
async function postgresFingerprint(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`);
    const fingerprint: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query(`SELECT COUNT(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`);
      fingerprint[name] = `${rows[0].n} ${rows[0].digest}`;
    }
    return fingerprint;
  } finally {
    await client.end();
  }
}

/** One line on stderr, no stack trace. */
function assertOneLine(stderr: string) {
  assert.equal(stderr.trim().split("\n").length, 1, stderr);
  assert.doesNotMatch(stderr, /^\s+at /m);
}

describe("npm run db:copy", () => {
  before(async () => {
    assert.ok(adminUrl, "tests/postgres/db-copy.test.ts needs PostgreSQL: set TEST_DATABASE_URL=postgresql://user:password@host:port/db (a role that may create databases)");
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    // Sessions on this database read timestamptz in a zone that is neither UTC nor the tool's.
    await admin.query(`ALTER DATABASE "${databaseName}" SET timezone TO 'Pacific/Auckland'`);
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    postgresUrl = url.toString();

    seedDemo(path.dirname(firstFile));
    await addHistory(path.dirname(firstFile));
    general = (await sqliteFile(firstFile).one<{ id: number }>(`SELECT id FROM channels WHERE name = 'general'`))!.id;
    // A webhook (with its author row) and its message, an AI bot's provenance: the columns of issue 18.
    const seeded = sqliteFile(firstFile);
    await seeded.exec(
      `INSERT INTO users (username, username_lower, email, password_hash, display_name, is_bot, created_at, updated_at)
       VALUES ('webhook-copy', 'webhook-copy', 'webhook-copy@webhooks.invalid', '!webhook', 'Deploys', 1, '2026-03-08 10:00:00', '2026-03-08 10:00:00')`,
    );
    const hookUser = (await seeded.one<{ id: number }>(`SELECT id FROM users WHERE username = 'webhook-copy'`))!.id;
    await seeded.exec(`INSERT INTO webhooks (channel_id, user_id, name, token_hash, created_at) VALUES (?, ?, 'Deploys', 'ab12', '2026-03-08 10:00:00')`, general, hookUser);
    await seeded.exec(
      `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, author, updated_at, is_bot, webhook_id, ai_model, ai_requested_by, ai_requester)
       VALUES (?, ?, 'deployed', 'ai', '2026-03-08 10:01:00', 'Deploys', '2026-03-08 10:01:00', 1, (SELECT MAX(id) FROM webhooks), 'model-x', ?, 'someone')`,
      general, hookUser, hookUser,
    );
    messageCount = await sqliteFile(firstFile).count("messages");
    // A row as an SQL default writes it (CURRENT_TIMESTAMP: UTC, no zone), the newest of #general.
    await sqliteFile(firstFile).exec(`UPDATE messages SET created_at = '2026-03-08 10:30:00' WHERE id = (SELECT MAX(id) FROM messages WHERE channel_id = ?)`, general);

    toPostgres = dbCopy(`file:${firstFile}`, postgresUrl);
    toSqlite = dbCopy(postgresUrl, `file:${lastFile}`);
  });

  after(async () => {
    await admin?.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin?.end();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("starts from realistic data: edits, replies to earlier messages, nulls, read and unread DMs", async () => {
    const count = (fromWhere: string) => sqliteFile(firstFile).count(fromWhere);
    assert.ok(messageCount > 10_000);
    assert.ok((await count("messages WHERE edited_at IS NOT NULL")) > 1000);
    assert.ok((await count("messages WHERE reply_to IS NOT NULL")) > 1000);
    assert.equal((await count("messages WHERE reply_to >= id")), 0, "a reply's parent has a smaller id, so copying in id order keeps references valid");
    assert.ok((await count("messages WHERE avatar_url IS NULL AND nonce IS NULL")) > 0);
    assert.ok((await count("direct_messages WHERE is_read = 1")) > 0);
    assert.ok((await count("direct_messages WHERE is_read = 0")) > 0);
  });

  it("copies SQLite into an empty PostgreSQL database and reports every table equal", () => {
    assert.equal(toPostgres.status, 0, toPostgres.stdout + toPostgres.stderr);
    assert.match(toPostgres.stdout, /^all 22 tables equal$/m);
    assert.doesNotMatch(toPostgres.stdout, /DIFFERENT/);
    assert.match(toPostgres.stdout, new RegExp(`^messages\\s+${messageCount}\\s+${messageCount}\\s+(\\w+)\\s+\\1\\s+equal$`, "m"));
    assert.match(toPostgres.stderr, /^revoked_tokens\s+\[#+\] 1500\/1500$/m, "one progress line per table when stderr is not a terminal");
  });

  it("copies PostgreSQL back into a new SQLite file, row for row identical to the first", () => {
    assert.equal(toSqlite.status, 0, toSqlite.stdout + toSqlite.stderr);
    assert.match(toSqlite.stdout, /^all 22 tables equal$/m);
    const [first, last] = [dump(firstFile), dump(lastFile)];
    assert.deepEqual([...last.keys()], [...first.keys()]);
    for (const [table, rows] of first) {
      const copied = last.get(table)!;
      assert.equal(copied.length, rows.length, `${table}: row count`);
      const differing = rows.findIndex((row, i) => row !== copied[i]);
      assert.equal(differing, -1, `${table} row ${differing}:\n  first ${rows[differing]}\n  last  ${copied[differing]}`);
    }
  });

  it("gives each copy a search index of its own, built from the copied rows", async () => {
    const matches = (file: string, table: string, word: string) => {
      const sqlite = new Database(file, { readonly: true });
      try {
        return sqlite.prepare(`SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ? ORDER BY rowid`).pluck().all(`"${word}"`) as number[];
      } finally {
        sqlite.close();
      }
    };
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      for (const [table, word] of [["messages", "linea"], ["direct_messages", "dm"]]) {
        const original = matches(firstFile, table, word);
        assert.ok(original.length > 100, `${table}: "${word}" is found in the original`);
        assert.deepEqual(matches(lastFile, table, word), original, `${table}: the SQLite copy finds the same rows`);
        const { rows } = await client.query(`SELECT id FROM ${table} WHERE search_vector @@ to_tsquery('auraflow_search', $1) ORDER BY id`, [word]);
        assert.deepEqual(rows.map((row) => row.id), original, `${table}: PostgreSQL finds the same rows`);
      }
    } finally {
      await client.end();
    }
  });

  it("leaves every id counter at the largest copied id: PostgreSQL sequences and SQLite's sqlite_sequence", async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const { rows: sequences } = await client.query<{ name: string; last_value: string }>(`SELECT sequencename AS name, last_value FROM pg_sequences`);
      assert.equal(sequences.length, 15);
      for (const { name, last_value } of sequences) {
        const table = name.replace(/_id_seq$/, "");
        const { rows: max } = await client.query(`SELECT MAX(id) AS max FROM "${table}"`);
        assert.equal(Number(last_value), max[0].max, `${name}`);
      }
    } finally {
      await client.end();
    }
    const sqlite = new Database(lastFile, { readonly: true });
    try {
      const counters = sqlite.prepare(`SELECT name, seq FROM sqlite_sequence`).all() as { name: string; seq: number }[];
      assert.equal(counters.length, 15);
      for (const { name, seq } of counters) assert.equal(seq, sqlite.prepare(`SELECT MAX(id) FROM "${name}"`).pluck().get(), name);
    } finally {
      sqlite.close();
    }
  });

  describe("the server on the copied PostgreSQL database", () => {
    let server: TestServer;
    before(async () => {
      server = await startServer({ databaseUrl: postgresUrl, keepData: true });
    });
    after(() => server?.stop());

    it("lets alice sign in, shows #general's history with the original timestamps, and gives a new message the next id", async () => {
      const api = createApi(server.url);
      const login = await api.post("/api/auth/login", { body: { username: "alice", password: "auraflow-demo" } });
      assert.equal(login.status, 200, login.text);
      const token = login.body.token;

      for (const query of ["after=0&limit=100", "limit=100"]) {
        const page = await api.get(`/api/messages/channel/${general}?${query}`, { token });
        assert.equal(page.status, 200, page.text);
        assert.equal(page.body.length, 100);
        for (const message of page.body) {
          const stored = (await sqliteFile(firstFile).one<{ content: string; created_at: string; edited_at: string | null; reply_to: number | null }>(
            `SELECT content, created_at, edited_at, reply_to FROM messages WHERE id = ?`,
            message.id,
          ))!;
          assert.deepEqual(
            { content: message.content, created_at: message.created_at, edited_at: message.edited_at, reply_to: message.reply_to },
            { ...stored, created_at: utcIso(stored.created_at), edited_at: stored.edited_at && utcIso(stored.edited_at) },
          );
        }
      }
      const newest = await api.get(`/api/messages/channel/${general}?limit=1`, { token });
      assert.equal(newest.body[0].created_at, "2026-03-08T10:30:00.000Z", "the SQL default's zoneless UTC text, read as UTC");

      const sent = await api.post("/api/messages/send", { token, body: { channel_id: general, content: "after the move" } });
      assert.equal(sent.status, 201, sent.text);
      assert.equal(sent.body.id, (await sqliteFile(firstFile).one<{ max: number }>("SELECT MAX(id) AS max FROM messages"))!.max + 1);
    });
  });

  it("refuses a target that holds rows, naming the tables, and changes nothing", async () => {
    const before = await postgresFingerprint();
    const refused = dbCopy(`file:${firstFile}`, postgresUrl);
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /is not empty \(users: 5 rows, blocked_users: 1 row, .*messages: \d+ rows, .*\)/);
    assertOneLine(refused.stderr);
    assert.equal(refused.stdout, "");
    assert.deepEqual(await postgresFingerprint(), before);
  });

  it("refuses a source that lacks a migration, before creating the target", async () => {
    const url = `file:${path.join(workDir, "behind.db")}`;
    await migrateDatabase(projectRoot, url);
    const newest = readMigrations(path.join(projectRoot, "prisma", "migrations")).at(-1)!.name;
    await sqliteFile(path.join(workDir, "behind.db")).exec(`DELETE FROM _prisma_migrations WHERE migration_name = ?`, newest);
    const target = path.join(workDir, "never.db");
    const refused = dbCopy(url, `file:${target}`);
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, new RegExp(`lacks the migrations ${newest}: .*npm run db:deploy`));
    assertOneLine(refused.stderr);
    assert.equal(existsSync(target), false);
  });

  it("refuses a source file that does not exist", () => {
    const refused = dbCopy(`file:${path.join(workDir, "missing.db")}`, `file:${path.join(workDir, "never.db")}`);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /missing\.db does not exist/);
    assertOneLine(refused.stderr);
  });

  it("exits 2 with the usage for wrong arguments", () => {
    for (const args of [[], [`file:${firstFile}`], [`file:${firstFile}`, "mysql://x/y"]]) {
      const refused = dbCopy(...args);
      assert.equal(refused.status, 2, args.join(" "));
      assert.match(refused.stderr, /usage: npm run db:copy -- <from-url> <to-url>/);
    }
  });
});
