import { requireChannelManager } from "../access";
import { db } from "../db/client";
import { channelRoom, closeChannelRooms } from "../realtime/rooms";
import { emitTo } from "../realtime/emit";

/** Owners and admins; the channel's messages, memberships and read states go with it. */
export async function deleteChannel(userId: number, channelId: number) {
  const { channel } = await requireChannelManager(userId, channelId, "delete channels");
  await db.channel.delete({ where: { id: channelId } });
  emitTo(channelRoom(channelId), "channel_deleted", { id: channelId, community_id: channel.community_id });
  closeChannelRooms([channelId]);
  return { id: channelId, community_id: channel.community_id };
}
