import { can } from "@/lib/permissions";
import { transaction, type Tx } from "../db/client";
import { ApiError, notFound } from "../errors";
import { announceMemberLeft } from "./announce-membership";
import { memberInclude, toCommunityMember } from "./serialize";

/**
 * Ends a membership with everything that hangs on it (private-channel access, read positions)
 * and keeps member_count exact. Shared by leave, kick and ban. False when there was no membership
 * (a concurrent leave or kick removed it first): then nothing changes, so the count is decremented once.
 */
export async function removeMembership(tx: Tx, userId: number, communityId: number): Promise<boolean> {
  const { count } = await tx.communityMember.deleteMany({ where: { community_id: communityId, user_id: userId } });
  if (count === 0) return false;
  await tx.channelMember.deleteMany({ where: { user_id: userId, channel: { community_id: communityId } } });
  await tx.channelReadState.deleteMany({ where: { user_id: userId, channel: { community_id: communityId } } });
  await tx.community.update({ where: { id: communityId }, data: { member_count: { decrement: 1 } } });
  return true;
}

export async function leaveCommunity(userId: number, communityId: number) {
  const member = await transaction(async (tx) => {
    const membership = await tx.communityMember.findUnique({
      where: { community_id_user_id: { community_id: communityId, user_id: userId } },
      include: memberInclude,
    });
    if (!membership) throw notFound("Community");
    if (!can(membership.role, "leaveCommunity")) {
      throw new ApiError("conflict", "The owner cannot leave the community: delete it or transfer ownership first");
    }
    if (!(await removeMembership(tx, userId, communityId))) throw notFound("Community");
    return toCommunityMember(membership);
  });
  await announceMemberLeft(communityId, userId, member);
  return { ok: true as const };
}
