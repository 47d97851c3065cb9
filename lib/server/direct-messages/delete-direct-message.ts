import { purgeDetachedAttachments } from "../attachments/purge-attachments";
import { requireOwnDirectMessage } from "../access";
import { db } from "../db/client";
import { notFound } from "../errors";
import { emitTo } from "../realtime/emit";
import { conversationRooms } from "../realtime/rooms";

/**
 * The author deletes a DM, even after a block (see requireOwnDirectMessage); both sides see it go.
 * Replies to it stay, quoting nothing.
 */
export async function deleteDirectMessage(userId: number, messageId: number) {
  const message = await requireOwnDirectMessage(userId, messageId, "delete");
  // Two deletions at once: the second finds nothing left to delete.
  const { count } = await db.directMessage.deleteMany({ where: { id: messageId } });
  if (count === 0) throw notFound("Message");
  const deleted = { id: messageId, sender_id: message.sender_id, receiver_id: message.receiver_id };
  emitTo(conversationRooms(deleted), "direct_message_deleted", deleted);
  await purgeDetachedAttachments();
  return deleted;
}
