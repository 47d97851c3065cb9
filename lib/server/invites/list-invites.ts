import { requirePermission } from "../access";
import { db } from "../db/client";
import { inviteInclude, toInvite, usableInviteWhere } from "./serialize";

/** Owners and admins see the invites that still work, newest first. */
export async function listInvites(userId: number, communityId: number) {
  await requirePermission(userId, communityId, "manageInvites", "list invites");
  const invites = await db.invite.findMany({
    where: { community_id: communityId, ...usableInviteWhere(new Date()) },
    include: inviteInclude,
    orderBy: [{ created_at: "desc" }, { code: "asc" }],
  });
  return invites.map(toInvite);
}
