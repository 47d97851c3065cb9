import { requireOwnDirectMessage } from "../access";
import { db } from "../db/client";
import { missing } from "../errors";
import { emitTo } from "../realtime/emit";
import { conversationRooms } from "../realtime/rooms";
import { directMessageInclude, toDirectMessage } from "./serialize";

/**
 * The author edits a DM, even after a block (see requireOwnDirectMessage); both sides see it at
 * once. The event serves both sides, so its reactions say `me` for nobody: clients keep their own.
 */
export async function editDirectMessage(userId: number, messageId: number, content: string) {
  await requireOwnDirectMessage(userId, messageId, "edit");
  const row = await db.directMessage.update({ where: { id: messageId }, data: { content, edited_at: new Date() }, include: directMessageInclude }).catch(missing("Message"));
  emitTo(conversationRooms(row), "direct_message_edited", toDirectMessage(row, null));
  return toDirectMessage(row, userId);
}
