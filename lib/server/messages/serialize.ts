import type { Message as MessageDto } from "@/lib/api/entities";
import type { Message } from "../db/generated/client";
import { isoFromSql } from "../db/sql";
import { iso, isoOrNull } from "../users/serialize";

export function toMessage(row: Message): MessageDto {
  return {
    id: row.id,
    channel_id: row.channel_id,
    sender_id: row.sender_id,
    content: row.content,
    message_type: row.message_type,
    created_at: iso(row.created_at),
    author: row.author,
    avatar_url: row.avatar_url,
    edited_at: isoOrNull(row.edited_at),
    reply_to: row.reply_to,
    nonce: row.nonce,
  };
}

/** A messages row as SQLite returns it to `db/sql.ts`: DateTimes still text. */
export type StoredMessage = Omit<Message, "created_at" | "edited_at" | "updated_at"> & { created_at: string; edited_at: string | null };

/** `toMessage` for rows read with direct SQL (history pages: 50 rows a request, no Dates built). */
export function toMessageFromSql(row: StoredMessage): MessageDto {
  return {
    id: row.id,
    channel_id: row.channel_id,
    sender_id: row.sender_id,
    content: row.content,
    message_type: row.message_type,
    created_at: isoFromSql(row.created_at),
    author: row.author,
    avatar_url: row.avatar_url,
    edited_at: row.edited_at === null ? null : isoFromSql(row.edited_at),
    reply_to: row.reply_to,
    nonce: row.nonce,
  };
}
