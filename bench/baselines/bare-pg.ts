// Baseline (b) on PostgreSQL: bare node:http + pg + Socket.IO. One pg.Pool of the app's default
// size (10) and every statement a named prepared statement (parsed and planned once per pooled
// connection, then only executed), as the app's hot queries are. Each send checks the token (a map
// lookup) and channel access, inserts the row and broadcasts it to the channel room (common.ts,
// serveMessages); GET /history/{id} serves the app's page shape. The columns are timestamptz,
// formatted in SQL straight into the API's ISO 8601 strings.
import pg from "pg";
import { CAN_READ, READABLE_CHANNELS, serveMessages, USER_BY_NAME, type BareUser, type Message } from "./common";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
// The app's pool size: DATABASE_POOL_SIZE, 10 by default; run.ts gives both the same.
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
// An idle client that fails (the server went away) is dropped by the pool; unheard, it would crash.
pool.on("error", (error) => console.error("idle PostgreSQL connection failed:", error.message));

let statements = 0;
/** A named prepared statement from SQL with `?` placeholders (numbered here: $1, $2, …). */
function prepare<Row extends pg.QueryResultRow>(sql: string) {
  const name = `bare_${++statements}`;
  let parameter = 0;
  const text = sql.replace(/\?/g, () => `$${++parameter}`);
  return async (...values: unknown[]) => (await pool.query<Row>({ name, text, values })).rows;
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The Message JSON's keys, in its order. */
const MESSAGE_COLUMNS = `id, channel_id, sender_id, content, message_type, ${iso("created_at")} AS created_at, author, avatar_url,
  ${iso("edited_at")} AS edited_at, reply_to, nonce`;

const userByName = prepare<BareUser>(USER_BY_NAME);
const readableChannels = prepare<{ id: number }>(READABLE_CHANNELS);
const canRead = prepare<{ ok: number }>(CAN_READ);
const insert = prepare<Message>(
  `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, author, avatar_url, updated_at, nonce)
   VALUES (?, ?, ?, 'text', now(), ?, ?, now(), ?) RETURNING ${MESSAGE_COLUMNS}`,
);
const page = prepare<Message>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE channel_id = ? ORDER BY id DESC LIMIT ?`);

serveMessages(
  {
    userByName: async (usernameLower) => (await userByName(usernameLower))[0],
    readableChannelIds: async (userId) => (await readableChannels(userId)).map((row) => row.id),
  },
  {
    async insert(user, body) {
      if (!(await canRead(user.id, body.channel_id)).length) return null;
      return (await insert(body.channel_id, user.id, body.content, user.username, user.avatar_url, body.nonce))[0];
    },
    async page(user, channelId, limit) {
      if (!(await canRead(user.id, channelId)).length) return null;
      return (await page(channelId, limit)).reverse();
    },
  },
);
