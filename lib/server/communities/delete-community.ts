import { purgeDetachedAttachments } from "../attachments/purge-attachments";
import { requirePermission } from "../access";
import { db, transaction } from "../db/client";
import { closeChannelRooms, closeCommunityRoom, communityRoom } from "../realtime/rooms";
import { emitTo } from "../realtime/emit";
import { retireWebhookAuthors } from "../webhooks/delete-webhook";

/** Owner only. Channels, messages, memberships, read states and webhooks go with it (ON DELETE CASCADE). */
export async function deleteCommunity(userId: number, communityId: number) {
  await requirePermission(userId, communityId, "deleteCommunity", "delete this community");
  const channels = await db.channel.findMany({ where: { community_id: communityId }, select: { id: true } });
  await transaction(async (tx) => {
    await retireWebhookAuthors(tx, { channel: { community_id: communityId } });
    await tx.community.delete({ where: { id: communityId } });
  });
  emitTo(communityRoom(communityId), "community_deleted", { id: communityId });
  await closeChannelRooms(channels.map((channel) => channel.id));
  closeCommunityRoom(communityId);
  await purgeDetachedAttachments();
  return { id: communityId };
}
