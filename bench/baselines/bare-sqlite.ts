// Baseline (b) on SQLite: bare node:http + better-sqlite3 (WAL, synchronous=NORMAL) + Socket.IO.
// Each send checks the token (a map lookup) and channel access (one prepared statement), inserts
// the row and broadcasts it to the channel room (common.ts, serveMessages); GET /history/{id}
// serves the app's page shape from one prepared statement. Every statement runs synchronously.
import { CAN_READ, serveMessages, type Message } from "./common";
import { openDatabase, sqliteLookups } from "./sqlite";

/** A messages row: the Message columns, DateTimes stored as Prisma stores them (ISO 8601, +00:00). */
type MessageRow = Message;

const sqlite = openDatabase();
const canRead = sqlite.prepare<[number, number], { ok: number }>(CAN_READ);
const insert = sqlite.prepare<[number, number, string, string, string, string | null, string, string | null], MessageRow>(
  `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, author, avatar_url, updated_at, nonce)
   VALUES (?, ?, ?, 'text', ?, ?, ?, ?, ?) RETURNING *`,
);
const page = sqlite.prepare<[number, number], MessageRow>(`SELECT * FROM messages WHERE channel_id = ? ORDER BY id DESC LIMIT ?`);

/** Stored like Prisma stores DateTime in SQLite: ISO 8601 with a +00:00 offset. */
const now = () => new Date().toISOString().replace("Z", "+00:00");

/** The app's Message JSON from a row: dates as ISO 8601 in UTC (`Z`). */
function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    channel_id: row.channel_id,
    sender_id: row.sender_id,
    content: row.content,
    message_type: row.message_type,
    created_at: new Date(row.created_at).toISOString(),
    author: row.author,
    avatar_url: row.avatar_url,
    edited_at: row.edited_at === null ? null : new Date(row.edited_at).toISOString(),
    reply_to: row.reply_to,
    nonce: row.nonce,
  };
}

serveMessages(sqliteLookups(sqlite), {
  insert(user, body) {
    if (!canRead.get(user.id, body.channel_id)) return null;
    const at = now();
    return toMessage(insert.get(body.channel_id, user.id, body.content, at, user.username, user.avatar_url, at, body.nonce)!);
  },
  page(user, channelId, limit) {
    if (!canRead.get(user.id, channelId)) return null;
    return page.all(channelId, limit).reverse().map(toMessage);
  },
});
