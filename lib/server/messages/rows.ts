import type { Message as MessageDto } from "@/lib/api/entities";
import type { MessagePageQuery } from "@/lib/validations/common";
import type { Message, MessageType } from "../db/generated/client";
import { execute, queryAll, queryOne, withDates } from "../db/sql";
import { nonceCutoff } from "./nonce";
import { fetchPage, type PageSlice } from "./page";
import { toMessage, type StoredMessage } from "./serialize";

// The message rows of the send and history paths, in direct SQL (see db/sql.ts).

const DATES = ["created_at", "edited_at", "updated_at"] as const;
const toRow = (row: Record<string, unknown>) => withDates<Message>(row, DATES);

export interface NewMessage {
  channel_id: number;
  sender_id: number;
  content: string;
  message_type: MessageType;
  reply_to: number | null;
  author: string;
  avatar_url: string | null;
  nonce: string | null;
}

export async function insertMessage(message: NewMessage): Promise<Message> {
  const now = new Date();
  const row = await queryOne<Record<string, unknown>>(
    `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, reply_to, author, avatar_url, updated_at, nonce)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    message.channel_id,
    message.sender_id,
    message.content,
    message.message_type,
    now,
    message.reply_to,
    message.author,
    message.avatar_url,
    now,
    message.nonce,
  );
  return toRow(row!);
}

export async function findMessageByNonce(senderId: number, nonce: string): Promise<Message | null> {
  const row = await queryOne<Record<string, unknown>>("SELECT * FROM messages WHERE sender_id = ? AND nonce = ?", senderId, nonce);
  return row ? toRow(row) : null;
}

/** Takes `nonce` off the sender's message that has held it for longer than the window. */
export function releaseStaleNonce(senderId: number, nonce: string): Promise<number> {
  return execute(
    "UPDATE messages SET nonce = NULL WHERE sender_id = ? AND nonce = ? AND created_at < ?",
    senderId,
    nonce,
    nonceCutoff(),
  );
}

export async function findMessageChannel(messageId: number): Promise<number | null> {
  const row = await queryOne<{ channel_id: number }>("SELECT channel_id FROM messages WHERE id = ?", messageId);
  return row?.channel_id ?? null;
}

const PAGE_COLUMNS = "id, channel_id, sender_id, content, message_type, created_at, author, avatar_url, edited_at, reply_to, nonce";

function sliceRows(channelId: number, slice: PageSlice): Promise<StoredMessage[]> {
  const bounds: [string, number][] = [];
  if (slice.id?.lt !== undefined) bounds.push(["id < ?", slice.id.lt]);
  if (slice.id?.lte !== undefined) bounds.push(["id <= ?", slice.id.lte]);
  if (slice.id?.gt !== undefined) bounds.push(["id > ?", slice.id.gt]);
  const where = ["channel_id = ?", ...bounds.map(([condition]) => condition)].join(" AND ");
  return queryAll(
    `SELECT ${PAGE_COLUMNS} FROM messages WHERE ${where} ORDER BY id ${slice.order === "asc" ? "ASC" : "DESC"} LIMIT ? OFFSET ?`,
    channelId,
    ...bounds.map(([, value]) => value),
    slice.take,
    slice.skip,
  );
}

/** One page of a channel's history, oldest to newest, in the API's shape. */
export async function listChannelPage(channelId: number, query: MessagePageQuery): Promise<MessageDto[]> {
  return (await fetchPage(query, (slice) => sliceRows(channelId, slice))).map(toMessage);
}
