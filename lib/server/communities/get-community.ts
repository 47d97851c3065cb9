import { findMembership } from "../access";
import { db } from "../db/client";
import { notFound } from "../errors";
import { communityInclude, toCommunity } from "./serialize";

/** Every community is discoverable, so its details are visible to any signed-in user. */
export async function getCommunity(userId: number, communityId: number) {
  const [community, membership] = await Promise.all([
    db.community.findUnique({ where: { id: communityId }, include: communityInclude }),
    findMembership(userId, communityId),
  ]);
  if (!community) throw notFound("Community");
  return toCommunity(community, membership?.role ?? null);
}
