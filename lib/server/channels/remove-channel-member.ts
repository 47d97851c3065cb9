import { assertPrivateChannel, requireChannelManager } from "../access";
import { recordAudit } from "../audit/record-audit";
import { transaction } from "../db/client";
import { notFound } from "../errors";
import { announceAccessChanged } from "./announce-channel";

/** Owners and admins take a member's access to a private channel away. */
export async function removeChannelMember(userId: number, channelId: number, targetId: number) {
  const { channel } = await requireChannelManager(userId, channelId, "manage channel members");
  assertPrivateChannel(channel);
  await transaction(async (tx) => {
    const { count } = await tx.channelMember.deleteMany({ where: { channel_id: channelId, user_id: targetId } });
    if (count === 0) throw notFound("Member");
    await recordAudit(tx, {
      communityId: channel.community_id, actorId: userId, action: "channel_member_remove", targetType: "user", targetId,
      changes: { channel_id: channelId, channel_name: channel.name },
    });
  });
  await announceAccessChanged(channel, targetId);
  return { ok: true as const };
}
