import type { DirectMessage as DirectMessageDto } from "@/lib/api/entities";
import { attachmentsInclude, toAttachment, type AttachmentRow } from "../attachments/serialize";
import type { DirectMessage } from "../db/generated/client";
import { reactionsInclude, toReactions, type ReactionRow, type Viewer } from "../reactions/serialize";
import { aiProvenance } from "../messages/ai-provenance";
import { iso, isoOrNull } from "../users/serialize";

/** Every Prisma read of a DM that is sent out includes this. */
export const directMessageInclude = { ...attachmentsInclude, ...reactionsInclude };

type DirectMessageRow = DirectMessage & { attachments: AttachmentRow[]; reactions: ReactionRow[] };

/** A direct_messages row from Prisma in the API's shape, as `viewer` sees it. */
export function toDirectMessage(row: DirectMessageRow, viewer: Viewer): DirectMessageDto {
  return {
    id: row.id,
    sender_id: row.sender_id,
    receiver_id: row.receiver_id,
    content: row.content,
    message_type: row.message_type,
    created_at: iso(row.created_at),
    edited_at: isoOrNull(row.edited_at),
    reply_to: row.reply_to,
    is_read: row.is_read,
    nonce: row.nonce,
    attachments: row.attachments.map(toAttachment),
    reactions: toReactions(row.reactions, viewer),
    ai: aiProvenance(row),
  };
}

/** Both directions of the conversation between a and b. */
export function conversationWhere(a: number, b: number) {
  return { OR: [{ sender_id: a, receiver_id: b }, { sender_id: b, receiver_id: a }] };
}
