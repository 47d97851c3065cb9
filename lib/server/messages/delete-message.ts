import { canDeleteMessage } from "@/lib/permissions";
import { purgeDetachedAttachments } from "../attachments/purge-attachments";
import { forbidden, requireChannelAccess } from "../access";
import { recordAudit } from "../audit/record-audit";
import { db, transaction } from "../db/client";
import { notFound } from "../errors";
import { emitTo } from "../realtime/emit";
import { channelRoom } from "../realtime/rooms";

/**
 * The author, or an owner or admin of the community, deletes a message (a system message: only
 * they); a moderator's deletion goes in the audit log.
 */
export async function deleteMessage(userId: number, messageId: number) {
  const message = await db.message.findUnique({ where: { id: messageId }, select: { channel_id: true, sender_id: true, message_type: true } });
  if (!message) throw notFound("Message");
  const access = await requireChannelAccess(userId, message.channel_id).catch(() => {
    throw notFound("Message");
  });
  if (!canDeleteMessage({ id: userId, role: access.membership.role }, message)) {
    throw forbidden(message.message_type === "system" ? "Only owners and admins can delete a system message" : "Only the author, owners and admins can delete a message");
  }
  await transaction(async (tx) => {
    await tx.message.delete({ where: { id: messageId } });
    if (message.sender_id !== userId) {
      await recordAudit(tx, {
        communityId: access.channel.community_id, actorId: userId, action: "message_delete", targetType: "message", targetId: messageId,
        changes: { channel_id: message.channel_id, author_id: message.sender_id },
      });
    }
  });
  const deleted = { id: messageId, channel_id: message.channel_id };
  emitTo(channelRoom(message.channel_id), "message_deleted", deleted);
  await purgeDetachedAttachments();
  return deleted;
}
