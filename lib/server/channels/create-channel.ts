import { formatChannelName, type CreateChannelInput } from "@/lib/validations/channels";
import { requirePermission } from "../access";
import { recordAudit } from "../audit/record-audit";
import { transaction } from "../db/client";
import { announceChannelCreated } from "./announce-channel";
import { toChannel } from "./serialize";

/** Owners and admins create channels, appended to the sidebar; a private one starts with its creator. */
export async function createChannel(userId: number, communityId: number, input: CreateChannelInput) {
  await requirePermission(userId, communityId, "manageChannels", "create channels");
  const channel = await transaction(async (tx) => {
    const last = await tx.channel.aggregate({ where: { community_id: communityId }, _max: { position: true } });
    const created = await tx.channel.create({
      data: {
        name: formatChannelName(input.type, input.name),
        type: input.type,
        description: input.description ?? null,
        community_id: communityId,
        creator_id: userId,
        position: (last._max.position ?? -1) + 1,
        ...(input.type === "private" ? { members: { create: { user_id: userId } } } : {}),
      },
    });
    await recordAudit(tx, {
      communityId, actorId: userId, action: "channel_create", targetType: "channel", targetId: created.id,
      changes: { name: created.name, type: created.type, description: created.description },
    });
    return created;
  });
  await announceChannelCreated(channel);
  return toChannel(channel);
}
