import { requireRole } from "../access";
import { db } from "../db/client";

/** Owner only. Channels, messages, memberships and read states go with it (ON DELETE CASCADE). */
export async function deleteCommunity(userId: number, communityId: number) {
  await requireRole(userId, communityId, ["owner"], "delete this community");
  await db.community.delete({ where: { id: communityId } });
  return { id: communityId };
}
