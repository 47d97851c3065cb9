import type { MembershipSource } from "@/lib/permissions";
import { assertCanBecomeMember, assertNotBot } from "../access";
import { startReadStatesAtLatest } from "../channels/read-states";
import { isUniqueViolation, transaction, type Tx } from "../db/client";
import { ApiError } from "../errors";
import { announceMemberAdded } from "./announce-membership";
import { communityInclude, toCommunity } from "./serialize";

/**
 * The `exclusive` key of every transaction that makes `userId` a member or bans them: on
 * PostgreSQL a ban and a join of the same user never interleave, so nobody is banned and a member.
 */
export const membershipKey = (userId: number) => `membership:${userId}`;

/**
 * Adds `userId` as a member inside the caller's transaction (run it with membershipKey(userId)), if they may become one `via` this way;
 * the count changes in the same transaction as the membership. Shared by join, add-member and
 * accepting an invite, each of which may write more in the same transaction.
 */
export async function insertMembership(tx: Tx, userId: number, communityId: number, via: MembershipSource) {
  const community = await tx.community.findUnique({ where: { id: communityId }, select: { id: true, is_public: true } });
  await assertCanBecomeMember(tx, userId, community, via);
  const existing = await tx.communityMember.findUnique({
    where: { community_id_user_id: { community_id: communityId, user_id: userId } },
    select: { id: true },
  });
  const alreadyMember = () => new ApiError("conflict", "Already a member of this community");
  if (existing) throw alreadyMember();
  // A concurrent join of the same user (PostgreSQL runs transactions side by side) meets the
  // unique index here and rolls back, leaving member_count as it was.
  const membership = await tx.communityMember
    .create({ data: { community_id: communityId, user_id: userId, role: "member" } })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? alreadyMember() : error;
    });
  const openChannels = await tx.channel.findMany({ where: { community_id: communityId, type: { not: "private" } }, select: { id: true } });
  await startReadStatesAtLatest(tx, userId, openChannels.map((channel) => channel.id));
  const updated = await tx.community.update({
    where: { id: communityId },
    data: { member_count: { increment: 1 } },
    include: communityInclude,
  });
  return { membership, community: updated };
}

/** Joining on one's own: public communities only (a non-public one answers like a missing one). */
export async function joinCommunity(userId: number, communityId: number) {
  // A bot joins when an owner or admin adds it, or through an invite accepted with its token.
  await assertNotBot(userId, "join communities on their own");
  const { community } = await transaction((tx) => insertMembership(tx, userId, communityId, "join"), { exclusive: membershipKey(userId) });
  await announceMemberAdded(communityId, userId);
  return toCommunity(community, "member");
}
