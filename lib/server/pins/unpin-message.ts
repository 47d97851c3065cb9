import { requireChannelPermission } from "../access";
import { db } from "../db/client";
import { emitTo } from "../realtime/emit";
import { channelRoom } from "../realtime/rooms";
import { pinnableMessage } from "./pinnable-message";

/** An owner or admin unpins a message of the channel; unpinning one that is not pinned changes nothing and tells nobody. No system message. */
export async function unpinMessage(userId: number, channelId: number, messageId: number): Promise<void> {
  await requireChannelPermission(userId, channelId, "pinMessages", "unpin messages");
  await pinnableMessage(channelId, messageId);
  const { count } = await db.message.updateMany({ where: { id: messageId, pinned_at: { not: null } }, data: { pinned_at: null, pinned_by_id: null } });
  if (count > 0) emitTo(channelRoom(channelId), "message_unpinned", { channel_id: channelId, message_id: messageId, user_id: userId });
}
