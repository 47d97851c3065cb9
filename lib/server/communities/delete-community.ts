import { requireRole } from "../access";
import { db } from "../db/client";
import { closeChannelRooms, closeCommunityRoom, communityRoom } from "../realtime/rooms";
import { emitTo } from "../realtime/emit";

/** Owner only. Channels, messages, memberships and read states go with it (ON DELETE CASCADE). */
export async function deleteCommunity(userId: number, communityId: number) {
  await requireRole(userId, communityId, ["owner"], "delete this community");
  const channels = await db.channel.findMany({ where: { community_id: communityId }, select: { id: true } });
  await db.community.delete({ where: { id: communityId } });
  emitTo(communityRoom(communityId), "community_deleted", { id: communityId });
  closeChannelRooms(channels.map((channel) => channel.id));
  closeCommunityRoom(communityId);
  return { id: communityId };
}
