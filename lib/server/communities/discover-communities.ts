import type { Pagination } from "@/lib/validations/common";
import { db } from "../db/client";
import { communityInclude, toCommunity } from "./serialize";

/** Public communities the caller is not in, largest first. */
export async function discoverCommunities(userId: number, page: Pagination) {
  const communities = await db.community.findMany({
    where: { is_public: true, members: { none: { user_id: userId } } },
    include: communityInclude,
    orderBy: [{ member_count: "desc" }, { id: "asc" }],
    take: page.limit,
    skip: page.offset,
  });
  return communities.map((community) => toCommunity(community, null));
}
