import { isForeignKeyViolation, queries } from "../db/client";
import type { User } from "../db/generated/client";
import { announceMessage } from "./announce-message";

/**
 * Posts a `system` message that Auraflow writes on someone's behalf (a pin, a join): through the
 * same insert as any message, so that ids, catch-up and message_sent keep the channel's order, but
 * outside the sender's rate limits, slowmode and posting rules, since they did not write it. When
 * the channel (or the message it points to) was deleted meanwhile there is nothing to post in.
 */
export async function postSystemMessage(channelId: number, sender: Pick<User, "id" | "username" | "avatar_url">, content: string, replyTo: number | null = null): Promise<void> {
  await queries
    .insertMessage(
      {
        channel_id: channelId,
        sender_id: sender.id,
        content,
        message_type: "system",
        reply_to: replyTo,
        author: sender.username,
        avatar_url: sender.avatar_url,
        nonce: null,
        attachment_ids: [],
      },
      announceMessage,
    )
    .catch((error: unknown) => {
      if (!isForeignKeyViolation(error)) throw error;
    });
}
