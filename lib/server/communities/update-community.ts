import type { UpdateCommunityInput } from "@/lib/validations/communities";
import { requirePermission } from "../access";
import { deleteAttachments } from "../attachments/purge-attachments";
import { changedFields, recordAudit } from "../audit/record-audit";
import { transaction } from "../db/client";
import { notFound } from "../errors";
import { emitTo } from "../realtime/emit";
import { communityRoom } from "../realtime/rooms";
import { communityInclude, toCommunity } from "./serialize";

export async function updateCommunity(userId: number, communityId: number, input: UpdateCommunityInput) {
  const membership = await requirePermission(userId, communityId, "editCommunity", "edit this community");
  const { community, previousIcon } = await transaction(async (tx) => {
    const before = await tx.community.findUnique({ where: { id: communityId } });
    if (!before) throw notFound("Community");
    const changes = changedFields(before, input);
    if (changes) await recordAudit(tx, { communityId, actorId: userId, action: "community_update", targetType: "community", targetId: communityId, changes });
    return { community: await tx.community.update({ where: { id: communityId }, data: input, include: communityInclude }), previousIcon: before.icon };
  });
  // An uploaded icon that the new icon no longer points at is deleted.
  if (input.icon !== undefined && input.icon !== previousIcon) await deleteAttachments({ community_id: communityId, kind: "icon" });
  emitTo(communityRoom(communityId), "community_updated", toCommunity(community, null));
  return toCommunity(community, membership.role);
}
