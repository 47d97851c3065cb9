import type { DirectMessage as DirectMessageDto } from "@/lib/api/entities";
import { db } from "../db/client";
import { emitInOrder } from "../realtime/emit";
import { conversationRooms } from "../realtime/rooms";
import { conversationWhere, directMessageInclude, toDirectMessage } from "./serialize";

/** direct_message_sent to both sides, in the conversation's order (see emitInOrder). */
export function announceDirectMessage(message: DirectMessageDto): Promise<void> {
  const [low, high] = [message.sender_id, message.receiver_id].sort((a, b) => a - b);
  return emitInOrder(conversationRooms(message), "direct_message_sent", message, {
    stream: `conversation:${low}:${high}`,
    id: message.id,
    earlier: async (after) =>
      (
        await db.directMessage.findMany({
          where: { ...conversationWhere(low, high), id: { gt: after, lt: message.id } },
          orderBy: { id: "asc" },
          take: 100,
          include: directMessageInclude,
        })
      ).map((row) => toDirectMessage(row, null)),
  });
}
