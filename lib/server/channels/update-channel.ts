import { formatChannelName, type UpdateChannelInput } from "@/lib/validations/channels";
import { requireChannelManager } from "../access";
import { changedFields, recordAudit } from "../audit/record-audit";
import { transaction } from "../db/client";
import { emitTo } from "../realtime/emit";
import { channelRoom } from "../realtime/rooms";
import { closeVoiceChannels } from "../realtime/voice";
import { reopenChannelRooms } from "./announce-channel";
import { toChannel } from "./serialize";

export async function updateChannel(userId: number, channelId: number, input: UpdateChannelInput) {
  const { channel: before } = await requireChannelManager(userId, channelId, "edit channels");
  const privacyChanged = input.type !== undefined && (input.type === "private") !== (before.type === "private");
  // A new name, or a voice channel becoming a text one, is formatted for the (new) type.
  const renamed = input.name !== undefined || input.type !== undefined;
  const data = renamed ? { ...input, name: formatChannelName(input.type ?? before.type, input.name ?? before.name) } : input;
  const channel = await transaction(async (tx) => {
    // Making a channel private must not lock out the person who did it.
    if (input.type === "private" && before.type !== "private") {
      await tx.channelMember.upsert({
        where: { channel_id_user_id: { channel_id: channelId, user_id: userId } },
        create: { channel_id: channelId, user_id: userId },
        update: {},
      });
    }
    const changes = changedFields(before, data);
    if (changes) {
      await recordAudit(tx, { communityId: before.community_id, actorId: userId, action: "channel_update", targetType: "channel", targetId: channelId, changes });
    }
    return tx.channel.update({ where: { id: channelId }, data });
  });
  if (privacyChanged) await reopenChannelRooms(channel);
  if (before.type === "voice" && channel.type !== "voice") await closeVoiceChannels([channelId]);
  emitTo(channelRoom(channelId), "channel_updated", toChannel(channel));
  return toChannel(channel);
}
