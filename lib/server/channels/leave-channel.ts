import { requireChannelAccess } from "../access";
import { db } from "../db/client";
import { announceAccessChanged } from "./announce-channel";

/** Leaving a private channel ends its membership; other channels stay readable to all members. */
export async function leaveChannel(userId: number, channelId: number) {
  const { channel } = await requireChannelAccess(userId, channelId);
  if (channel.type === "private") {
    await db.channelMember.deleteMany({ where: { channel_id: channelId, user_id: userId } });
    await announceAccessChanged(channel, userId);
  }
  return { ok: true as const };
}
