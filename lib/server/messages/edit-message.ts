import { canEditMessage } from "@/lib/permissions";
import { assertNotTimedOut, forbidden, requireChannelAccess } from "../access";
import { db, transaction } from "../db/client";
import { missing, notFound } from "../errors";
import { emitTo } from "../realtime/emit";
import { channelRoom } from "../realtime/rooms";
import { findMentions } from "./find-mentions";
import { mentionRowUsers } from "./mentions";
import { messageInclude, toMessage } from "./serialize";

/**
 * Only the author edits, and nobody a system message; a message in a channel the caller cannot
 * read does not exist for them. The new content's mentions replace the old ones: someone it newly
 * mentions has an unread mention while the message is after their read position. The event
 * serves every reader, so its reactions say `me` for nobody: clients keep their own.
 */
export async function editMessage(userId: number, messageId: number, content: string) {
  const message = await db.message.findUnique({ where: { id: messageId }, select: { channel_id: true, sender_id: true, message_type: true } });
  if (!message) throw notFound("Message");
  const access = await requireChannelAccess(userId, message.channel_id).catch(() => {
    throw notFound("Message");
  });
  if (!canEditMessage(userId, message)) {
    throw forbidden(message.message_type === "system" ? "System messages cannot be edited" : "Only the author can edit a message");
  }
  assertNotTimedOut(access.membership);
  const mentions = await findMentions(content, access.membership.role);
  const row = await transaction(async (tx) => {
    await tx.messageMention.deleteMany({ where: { message_id: messageId } });
    return tx.message.update({
      where: { id: messageId },
      data: {
        content,
        edited_at: new Date(),
        mention_ids: JSON.stringify(mentions.mention_ids),
        mention_everyone: mentions.mention_everyone,
        mentions: { create: mentionRowUsers(mentions).map((user_id) => ({ user_id, channel_id: message.channel_id })) },
      },
      include: messageInclude,
    });
  }).catch(missing("Message"));
  emitTo(channelRoom(access.channel.id), "message_edited", toMessage(row, null));
  return toMessage(row, userId);
}
