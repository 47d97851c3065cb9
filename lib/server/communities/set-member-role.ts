import { canSetRole } from "@/lib/permissions";
import { requirePermission } from "../access";
import { recordAudit } from "../audit/record-audit";
import { announceManagerAccessChanged } from "../channels/announce-channel";
import { db, transaction } from "../db/client";
import { ApiError, notFound } from "../errors";
import { communityRoom, syncUserRooms } from "../realtime/rooms";
import { emitShowingPresence } from "../realtime/presence";
import { presenceViewOf } from "../users/presence-view";
import { memberInclude, toCommunityMember } from "./serialize";

/** Owner only: promote a member to admin or demote an admin to member. */
export async function setMemberRole(userId: number, communityId: number, targetId: number, role: "admin" | "member") {
  const actor = await requirePermission(userId, communityId, "setRoles", "change member roles");
  const target = await db.communityMember.findUnique({
    where: { community_id_user_id: { community_id: communityId, user_id: targetId } },
  });
  if (!target) throw notFound("Member");
  if (!canSetRole(actor.role, target.role)) throw new ApiError("conflict", "The owner's role cannot be changed");
  const row = await transaction(async (tx) => {
    const updated = await tx.communityMember.update({ where: { id: target.id }, data: { role }, include: memberInclude });
    if (target.role !== role) {
      await recordAudit(tx, {
        communityId, actorId: userId, action: "member_role_update", targetType: "user", targetId,
        changes: { role: { old: target.role, new: role } },
      });
    }
    return updated;
  });
  const updated = toCommunityMember(row);
  // Admins read every private channel: a promotion or demotion changes which rooms they are in.
  await syncUserRooms(targetId);
  if (target.role !== role) await announceManagerAccessChanged(communityId, targetId, role === "admin");
  await emitShowingPresence([communityRoom(communityId)], "community_member_updated", targetId, { community_id: communityId, user: updated });
  return (await presenceViewOf(userId))(updated);
}
