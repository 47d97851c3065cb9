import type { ChannelMemberInput } from "@/lib/validations/channels";
import { assertPrivateChannel, requireChannelManager } from "../access";
import { recordAudit } from "../audit/record-audit";
import { memberInclude, toCommunityMember } from "../communities/serialize";
import { db, transaction } from "../db/client";
import { ApiError, notFound } from "../errors";
import { presenceViewOf } from "../users/presence-view";
import { announceAccessChanged } from "./announce-channel";

/** Owners and admins give a community member access to a private channel. */
export async function addChannelMember(userId: number, channelId: number, input: ChannelMemberInput) {
  const { channel } = await requireChannelManager(userId, channelId, "manage channel members");
  assertPrivateChannel(channel);
  const member = await db.communityMember.findFirst({
    where: {
      community_id: channel.community_id,
      user: input.user_id !== undefined ? { id: input.user_id } : { username_lower: input.username!.toLowerCase() },
    },
    include: memberInclude,
  });
  if (!member) throw notFound("Member");
  const existing = await db.channelMember.findUnique({
    where: { channel_id_user_id: { channel_id: channelId, user_id: member.user_id } },
  });
  if (existing) throw new ApiError("conflict", "Already a member of this channel");
  await transaction(async (tx) => {
    await tx.channelMember.create({ data: { channel_id: channelId, user_id: member.user_id } });
    await recordAudit(tx, {
      communityId: channel.community_id, actorId: userId, action: "channel_member_add", targetType: "user", targetId: member.user_id,
      changes: { channel_id: channelId, channel_name: channel.name },
    });
  });
  await announceAccessChanged(channel, member.user_id);
  return (await presenceViewOf(userId))(toCommunityMember(member));
}
