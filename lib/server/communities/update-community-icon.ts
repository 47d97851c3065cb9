import { requirePermission } from "../access";
import { attachmentData, keepOrDiscard, receiveAttachment, storedKeys } from "../attachments/create-attachment";
import { attachmentUrl } from "../attachments/serialize";
import { recordAudit } from "../audit/record-audit";
import { transaction } from "../db/client";
import { notFound } from "../errors";
import { emitTo } from "../realtime/emit";
import { communityRoom } from "../realtime/rooms";
import { storage } from "../storage";
import { communityInclude, toCommunity } from "./serialize";
import type { ApiRequest } from "../http/route";

/**
 * POST /api/channels/communities/{id}/icon (owner or admin): the uploaded image, cropped square and
 * stored as WebP, becomes the community's icon; the icon it replaces is deleted. (A URL through
 * PATCH still works.)
 */
export async function updateCommunityIcon(userId: number, communityId: number, req: ApiRequest) {
  const membership = await requirePermission(userId, communityId, "editCommunity", "edit this community");
  const received = await receiveAttachment(userId, req, { square: true });
  const { community, replaced } = await keepOrDiscard(received, () =>
    transaction(async (tx) => {
      const before = await tx.community.findUnique({ where: { id: communityId } });
      if (!before) throw notFound("Community");
      const replaced = await tx.attachment.findMany({ where: { community_id: communityId, kind: "icon" } });
      await tx.attachment.deleteMany({ where: { id: { in: replaced.map((row) => row.id) } } });
      const icon = await tx.attachment.create({ data: { ...attachmentData(userId, received, "icon"), community_id: communityId } });
      const url = attachmentUrl(icon.id, icon.filename);
      await recordAudit(tx, { communityId, actorId: userId, action: "community_update", targetType: "community", targetId: communityId, changes: { icon: { old: before.icon, new: url } } });
      const community = await tx.community.update({ where: { id: communityId }, data: { icon: url }, include: communityInclude });
      return { community, replaced };
    }),
  );
  await storage().delete(replaced.flatMap(storedKeys));
  emitTo(communityRoom(communityId), "community_updated", toCommunity(community, null));
  return toCommunity(community, membership.role);
}
