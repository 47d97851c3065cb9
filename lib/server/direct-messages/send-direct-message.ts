import type { DirectMessage as DirectMessageDto } from "@/lib/api/entities";
import type { SendDirectMessageInput } from "@/lib/validations/messages";
import { forbidden, isBlockedBetween, requireActiveUser } from "../access";
import { db, queries } from "../db/client";
import type { User } from "../db/generated/client";
import { ApiError } from "../errors";
import { emitInOrder } from "../realtime/emit";
import { userRoom } from "../realtime/rooms";
import { consumeLimit } from "../limits/rate-limit";
import { createOnce, staleNonce } from "../messages/nonce";
import { conversationWhere, toDirectMessage } from "./serialize";

async function findByNonce(senderId: number, nonce: string) {
  const row = await db.directMessage.findUnique({ where: { sender_id_nonce: { sender_id: senderId, nonce } } });
  return row && toDirectMessage(row);
}

export const cannotMessage = () =>
  new ApiError("cannot_message_user", "You cannot send messages to this user", undefined, 403);

/** direct_message_sent to both sides, in the conversation's order (see emitInOrder). */
function announceDirectMessage(message: DirectMessageDto): Promise<void> {
  const [low, high] = [message.sender_id, message.receiver_id].sort((a, b) => a - b);
  return emitInOrder([userRoom(message.sender_id), userRoom(message.receiver_id)], "direct_message_sent", message, {
    stream: `conversation:${low}:${high}`,
    id: message.id,
    earlier: async (after) =>
      (await db.directMessage.findMany({ where: { ...conversationWhere(low, high), id: { gt: after, lt: message.id } }, orderBy: { id: "asc" }, take: 100 })).map(toDirectMessage),
  });
}

/**
 * Any two users may exchange DMs unless either has blocked the other, within the rate limits.
 * Safe to retry with a nonce.
 */
export async function sendDirectMessage(sender: User, input: SendDirectMessageInput) {
  if (input.message_type === "ai") throw forbidden("Messages of type ai are sent by Auraflow itself, not by users");
  if (input.receiver_id === sender.id) throw new ApiError("invalid_request", "You cannot send a direct message to yourself");
  await requireActiveUser(input.receiver_id);
  if (await isBlockedBetween(sender.id, input.receiver_id)) throw cannotMessage();
  await consumeLimit("direct_message", `${sender.id}:${input.receiver_id}`);
  await consumeLimit("message_burst", sender.id);

  const nonce = input.nonce;
  const { row: message, created } = await createOnce(nonce, {
    create: () =>
      queries.insertDirectMessage({
        sender_id: sender.id,
        receiver_id: input.receiver_id,
        content: input.content,
        message_type: input.message_type,
        nonce: nonce ?? null,
      }, announceDirectMessage),
    find: () => findByNonce(sender.id, nonce!),
    releaseStale: () => db.directMessage.updateMany({ where: staleNonce(sender.id, nonce!), data: { nonce: null } }),
  });
  return { message, created };
}
