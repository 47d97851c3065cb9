import { assertOutranks, requirePermission } from "../access";
import { recordAudit } from "../audit/record-audit";
import { db, transaction } from "../db/client";
import { ApiError, notFound } from "../errors";
import { announceMemberLeft } from "./announce-membership";
import { removeMembership } from "./leave-community";
import { memberInclude, toCommunityMember } from "./serialize";

/** Owners may remove anyone but themselves; admins may remove plain members only. */
export async function kickMember(userId: number, communityId: number, targetId: number) {
  const actor = await requirePermission(userId, communityId, "moderateMembers", "remove members");
  if (targetId === userId) throw new ApiError("invalid_request", "Use leave to remove yourself from a community");
  const target = await db.communityMember.findUnique({
    where: { community_id_user_id: { community_id: communityId, user_id: targetId } },
    include: memberInclude,
  });
  if (!target) throw notFound("Member");
  assertOutranks(actor.role, target.role, "remove");
  await transaction(async (tx) => {
    if (!(await removeMembership(tx, targetId, communityId))) throw notFound("Member");
    await recordAudit(tx, { communityId, actorId: userId, action: "member_kick", targetType: "user", targetId });
  });
  await announceMemberLeft(communityId, targetId, toCommunityMember(target));
  return { ok: true as const };
}
