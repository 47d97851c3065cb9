import { assertPrivateChannel, requireChannelManager } from "../access";
import { db } from "../db/client";
import { notFound } from "../errors";
import { announceAccessChanged } from "./announce-channel";

/** Owners and admins take a member's access to a private channel away. */
export async function removeChannelMember(userId: number, channelId: number, targetId: number) {
  const { channel } = await requireChannelManager(userId, channelId, "manage channel members");
  assertPrivateChannel(channel);
  const { count } = await db.channelMember.deleteMany({ where: { channel_id: channelId, user_id: targetId } });
  if (count === 0) throw notFound("Member");
  await announceAccessChanged(channel, targetId);
  return { ok: true as const };
}
