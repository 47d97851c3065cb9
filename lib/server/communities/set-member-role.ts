import { requireRole } from "../access";
import { db } from "../db/client";
import { ApiError, notFound } from "../errors";
import { communityRoom, syncUserRooms } from "../realtime/rooms";
import { emitShowingPresence } from "../realtime/presence";
import { presenceViewOf } from "../users/presence-view";
import { memberInclude, toCommunityMember } from "./serialize";

/** Owner only: promote a member to admin or demote an admin to member. */
export async function setMemberRole(userId: number, communityId: number, targetId: number, role: "admin" | "member") {
  await requireRole(userId, communityId, ["owner"], "change member roles");
  const target = await db.communityMember.findUnique({
    where: { community_id_user_id: { community_id: communityId, user_id: targetId } },
  });
  if (!target) throw notFound("Member");
  if (target.role === "owner") throw new ApiError("conflict", "The owner's role cannot be changed");
  const updated = toCommunityMember(await db.communityMember.update({ where: { id: target.id }, data: { role }, include: memberInclude }));
  // Admins read every private channel: a promotion or demotion changes which rooms they are in.
  await syncUserRooms(targetId);
  await emitShowingPresence([communityRoom(communityId)], "community_member_updated", targetId, { community_id: communityId, user: updated });
  return (await presenceViewOf(userId))(updated);
}
