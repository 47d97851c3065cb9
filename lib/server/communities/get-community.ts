import { findMembership, isCommunityVisible } from "../access";
import { db } from "../db/client";
import { notFound } from "../errors";
import { communityInclude, toCommunity } from "./serialize";

/** A public community's details are visible to any signed-in user; a non-public one's to its members only. */
export async function getCommunity(userId: number, communityId: number) {
  const [community, membership] = await Promise.all([
    db.community.findUnique({ where: { id: communityId }, include: communityInclude }),
    findMembership(userId, communityId),
  ]);
  if (!community || !isCommunityVisible(community, membership)) throw notFound("Community");
  return toCommunity(community, membership?.role ?? null);
}
