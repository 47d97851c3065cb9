import { requirePermission } from "../access";
import { recordAudit } from "../audit/record-audit";
import { transaction } from "../db/client";
import { notFound } from "../errors";

/** Owners and admins lift a ban; the user may then join again (they are not added back). */
export async function unbanMember(userId: number, communityId: number, targetId: number) {
  await requirePermission(userId, communityId, "manageBans", "lift bans");
  await transaction(async (tx) => {
    const { count } = await tx.communityBan.deleteMany({ where: { community_id: communityId, user_id: targetId } });
    if (count === 0) throw notFound("Ban");
    await recordAudit(tx, { communityId, actorId: userId, action: "member_ban_remove", targetType: "user", targetId });
  });
}
