import type { UpdateCommunityInput } from "@/lib/validations/communities";
import { requireManager } from "../access";
import { db } from "../db/client";
import { emitTo } from "../realtime/emit";
import { communityRoom } from "../realtime/rooms";
import { communityInclude, toCommunity } from "./serialize";

export async function updateCommunity(userId: number, communityId: number, input: UpdateCommunityInput) {
  const membership = await requireManager(userId, communityId, "edit this community");
  const community = await db.community.update({ where: { id: communityId }, data: input, include: communityInclude });
  emitTo(communityRoom(communityId), "community_updated", toCommunity(community, null));
  return toCommunity(community, membership.role);
}
