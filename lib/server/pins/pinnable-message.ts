import { db, type Tx } from "../db/client";
import { notFound } from "../errors";

export const MAX_PINS_PER_CHANNEL = 50;

/** The message as pins need it; one of another channel is as missing as one that does not exist. */
export async function pinnableMessage(channelId: number, messageId: number, client: Pick<Tx, "message"> = db) {
  const message = await client.message.findUnique({ where: { id: messageId }, select: { channel_id: true, message_type: true, pinned_at: true } });
  if (!message || message.channel_id !== channelId) throw notFound("Message");
  return message;
}
