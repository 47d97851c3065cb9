import type { CreateCommunityInput } from "@/lib/validations/communities";
import { transaction } from "../db/client";
import { communityInclude, toCommunity } from "./serialize";

/** The creator becomes the owner and first member; a #general text channel comes with it. */
export async function createCommunity(userId: number, input: CreateCommunityInput) {
  const community = await transaction(async (tx) => {
    const created = await tx.community.create({
      data: { ...input, creator_id: userId, member_count: 1, members: { create: { user_id: userId, role: "owner" } } },
      include: communityInclude,
    });
    await tx.channel.create({ data: { name: "general", type: "text", community_id: created.id, creator_id: userId, position: 0 } });
    return created;
  });
  return toCommunity(community, "owner");
}
