import type { Pagination } from "@/lib/validations/common";
import { requirePermission } from "../access";
import { db } from "../db/client";
import { banInclude, toCommunityBan } from "./serialize";

/** Owners and admins list who is banned, newest ban first. */
export async function listBans(userId: number, communityId: number, page: Pagination) {
  await requirePermission(userId, communityId, "manageBans", "list bans");
  const bans = await db.communityBan.findMany({
    where: { community_id: communityId },
    include: banInclude,
    orderBy: { id: "desc" },
    take: page.limit,
    skip: page.offset,
  });
  return bans.map(toCommunityBan);
}
