import type { Pagination } from "@/lib/validations/common";
import { db } from "../db/client";
import { communityInclude, toCommunity } from "./serialize";

/** The caller's communities in the order they joined them. */
export async function listCommunities(userId: number, page: Pagination) {
  const memberships = await db.communityMember.findMany({
    where: { user_id: userId },
    include: { community: { include: communityInclude } },
    orderBy: { id: "asc" },
    take: page.limit,
    skip: page.offset,
  });
  return memberships.map((membership) => toCommunity(membership.community, membership.role));
}
