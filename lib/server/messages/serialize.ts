import type { Message as MessageDto } from "@/lib/api/entities";
import type { Message } from "../db/generated/client";
import { isoFromSql } from "../db/sql";

/** A messages row as SQLite returns it to `db/sql.ts`: DateTimes still text. */
export type StoredMessage = Omit<Message, "created_at" | "edited_at" | "updated_at"> & { created_at: string; edited_at: string | null };

type MessageRow = Pick<Message, Exclude<keyof MessageDto, "created_at" | "edited_at">> & {
  created_at: Date | string;
  edited_at: Date | string | null;
};

// History pages read 50 rows a request with direct SQL; their DateTimes go to the API as text,
// without building a Date for each.
const isoOf = (value: Date | string) => (typeof value === "string" ? isoFromSql(value) : value.toISOString());

/** A row from Prisma (Dates) or from direct SQL (`StoredMessage`) in the API's Message shape. */
export function toMessage(row: MessageRow): MessageDto {
  return {
    id: row.id,
    channel_id: row.channel_id,
    sender_id: row.sender_id,
    content: row.content,
    message_type: row.message_type,
    created_at: isoOf(row.created_at),
    author: row.author,
    avatar_url: row.avatar_url,
    edited_at: row.edited_at === null ? null : isoOf(row.edited_at),
    reply_to: row.reply_to,
    nonce: row.nonce,
  };
}
