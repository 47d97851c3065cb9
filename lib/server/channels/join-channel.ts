import { requireChannelAccess } from "../access";
import { db } from "../db/client";
import { syncUserRooms } from "../realtime/rooms";
import { toChannel } from "./serialize";

/**
 * Joining a channel the caller can see. For a private channel this records explicit membership
 * (an owner or admin who joins stays in it after losing the role); other channels are open to
 * every community member, so there is nothing to record.
 */
export async function joinChannel(userId: number, channelId: number) {
  const { channel } = await requireChannelAccess(userId, channelId);
  if (channel.type === "private") {
    await db.channelMember.upsert({
      where: { channel_id_user_id: { channel_id: channelId, user_id: userId } },
      create: { channel_id: channelId, user_id: userId },
      update: {},
    });
    await syncUserRooms(userId);
  }
  return toChannel(channel);
}
