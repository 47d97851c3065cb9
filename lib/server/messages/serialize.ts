import type { Message as MessageDto } from "@/lib/api/entities";
import { attachmentsInclude, toAttachment, type AttachmentRow } from "../attachments/serialize";
import type { Message } from "../db/generated/client";
import { reactionsInclude, toReactions, type ReactionRow, type Viewer } from "../reactions/serialize";
import { iso, isoOrNull } from "../users/serialize";
import { aiProvenance } from "./ai-provenance";
import { storedMentionIds } from "./mentions";

/** Every Prisma read of a message that is sent out includes this. */
export const messageInclude = { ...attachmentsInclude, ...reactionsInclude };

type MessageRow = Message & { attachments: AttachmentRow[]; reactions: ReactionRow[] };

/** A messages row from Prisma in the API's Message shape, as `viewer` sees it (the hot queries return that shape already). */
export function toMessage(row: MessageRow, viewer: Viewer): MessageDto {
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
    attachments: row.attachments.map(toAttachment),
    pinned: row.pinned_at !== null,
    mentions: storedMentionIds(row.mention_ids),
    mention_everyone: row.mention_everyone,
    reactions: toReactions(row.reactions, viewer),
    is_bot: row.is_bot,
    webhook_id: row.webhook_id,
    ai: aiProvenance(row),
  };
}
