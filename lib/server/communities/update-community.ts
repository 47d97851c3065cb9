import type { UpdateCommunityInput } from "@/lib/validations/communities";
import { requirePermission } from "../access";
import { changedFields, recordAudit } from "../audit/record-audit";
import { transaction } from "../db/client";
import { notFound } from "../errors";
import { emitTo } from "../realtime/emit";
import { communityRoom } from "../realtime/rooms";
import { communityInclude, toCommunity } from "./serialize";

export async function updateCommunity(userId: number, communityId: number, input: UpdateCommunityInput) {
  const membership = await requirePermission(userId, communityId, "editCommunity", "edit this community");
  const community = await transaction(async (tx) => {
    const before = await tx.community.findUnique({ where: { id: communityId } });
    if (!before) throw notFound("Community");
    const changes = changedFields(before, input);
    if (changes) await recordAudit(tx, { communityId, actorId: userId, action: "community_update", targetType: "community", targetId: communityId, changes });
    return tx.community.update({ where: { id: communityId }, data: input, include: communityInclude });
  });
  emitTo(communityRoom(communityId), "community_updated", toCommunity(community, null));
  return toCommunity(community, membership.role);
}
