import type { Message } from "@/lib/api/entities";
import { queries } from "../db/client";
import { emitInOrder } from "../realtime/emit";
import { channelRoom } from "../realtime/rooms";

/** At most this many messages a dead node left unannounced go out before the next one. */
const MAX_EARLIER = 100;

/** message_sent to the channel's readers, in the channel's order (see emitInOrder). */
export function announceMessage(message: Message): Promise<void> {
  return emitInOrder(channelRoom(message.channel_id), "message_sent", message, {
    stream: channelRoom(message.channel_id),
    id: message.id,
    earlier: (after) => queries.channelMessages(message.channel_id, { id: { gt: after, lt: message.id }, order: "asc", take: MAX_EARLIER, skip: 0 }, null),
  });
}
