import { purgeDetachedAttachments } from "../attachments/purge-attachments";
import { requireChannelManager } from "../access";
import { recordAudit } from "../audit/record-audit";
import { transaction } from "../db/client";
import { channelRoom, closeChannelRooms } from "../realtime/rooms";
import { emitTo } from "../realtime/emit";
import { retireWebhookAuthors } from "../webhooks/delete-webhook";

/** Owners and admins; the channel's messages, memberships, read states and webhooks go with it. */
export async function deleteChannel(userId: number, channelId: number) {
  const { channel } = await requireChannelManager(userId, channelId, "delete channels");
  await transaction(async (tx) => {
    await retireWebhookAuthors(tx, { channel_id: channelId });
    await tx.channel.delete({ where: { id: channelId } });
    await recordAudit(tx, {
      communityId: channel.community_id, actorId: userId, action: "channel_delete", targetType: "channel", targetId: channelId,
      changes: { name: channel.name, type: channel.type },
    });
  });
  emitTo(channelRoom(channelId), "channel_deleted", { id: channelId, community_id: channel.community_id });
  await closeChannelRooms([channelId]);
  await purgeDetachedAttachments();
  return { id: channelId, community_id: channel.community_id };
}
