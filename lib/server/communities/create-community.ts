import type { CreateCommunityInput } from "@/lib/validations/communities";
import { assertNotBot } from "../access";
import { transaction } from "../db/client";
import { syncUserRooms, userRoom } from "../realtime/rooms";
import { emitTo } from "../realtime/emit";
import { communityInclude, toCommunity } from "./serialize";

/** The creator becomes the owner and first member; a #general text channel comes with it. */
export async function createCommunity(userId: number, input: CreateCommunityInput) {
  await assertNotBot(userId, "create communities");
  const created = await transaction(async (tx) => {
    const community = await tx.community.create({
      data: { ...input, creator_id: userId, member_count: 1, members: { create: { user_id: userId, role: "owner" } } },
      include: communityInclude,
    });
    await tx.channel.create({ data: { name: "general", type: "text", community_id: community.id, creator_id: userId, position: 0 } });
    return community;
  });
  const community = toCommunity(created, "owner");
  await syncUserRooms(userId);
  emitTo(userRoom(userId), "community_created", community);
  return community;
}
