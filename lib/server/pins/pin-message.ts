import { requireChannelPermission } from "../access";
import { transaction } from "../db/client";
import type { User } from "../db/generated/client";
import { ApiError } from "../errors";
import { postSystemMessage } from "../messages/post-system-message";
import { emitTo } from "../realtime/emit";
import { channelRoom } from "../realtime/rooms";
import { MAX_PINS_PER_CHANNEL, pinnableMessage } from "./pinnable-message";

/** The `exclusive` key of a channel's pins: two pins at 49 must not both pass the count check (PostgreSQL). */
const pinsKey = (channelId: number) => `pins:${channelId}`;

/**
 * An owner or admin pins a message of the channel (authors do not pin their own: Discord's Manage
 * Messages). Pinning a pinned message changes nothing and tells nobody; a new pin goes out as
 * message_pinned and as a system message from the pinner that replies to the pinned one.
 */
export async function pinMessage(user: Pick<User, "id" | "username" | "avatar_url">, channelId: number, messageId: number): Promise<void> {
  await requireChannelPermission(user.id, channelId, "pinMessages", "pin messages");
  const pinned = await transaction(
    async (tx) => {
      const message = await pinnableMessage(channelId, messageId, tx);
      if (message.message_type === "system") throw new ApiError("invalid_request", "System messages cannot be pinned");
      if (message.pinned_at) return false;
      const pins = await tx.message.count({ where: { channel_id: channelId, pinned_at: { not: null } } });
      if (pins >= MAX_PINS_PER_CHANNEL) {
        throw new ApiError("conflict", `A channel holds at most ${MAX_PINS_PER_CHANNEL} pinned messages: unpin one first`, { limit: MAX_PINS_PER_CHANNEL });
      }
      await tx.message.update({ where: { id: messageId }, data: { pinned_at: new Date(), pinned_by_id: user.id } });
      return true;
    },
    { exclusive: pinsKey(channelId) },
  );
  if (!pinned) return;
  emitTo(channelRoom(channelId), "message_pinned", { channel_id: channelId, message_id: messageId, user_id: user.id });
  await postSystemMessage(channelId, user, `${user.username} pinned a message.`, messageId);
}
