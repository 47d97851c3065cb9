import type { SendDirectMessageInput } from "@/lib/validations/messages";
import { forbidden, isBlockedBetween, requireUser } from "../access";
import { db, queries } from "../db/client";
import type { User } from "../db/generated/client";
import { ApiError } from "../errors";
import { emitInOrder } from "../realtime/emit";
import { userRoom } from "../realtime/rooms";
import { createOnce, staleNonce } from "../messages/nonce";
import { toDirectMessage } from "./serialize";

async function findByNonce(senderId: number, nonce: string) {
  const row = await db.directMessage.findUnique({ where: { sender_id_nonce: { sender_id: senderId, nonce } } });
  return row && toDirectMessage(row);
}

export const cannotMessage = () =>
  new ApiError("cannot_message_user", "You cannot send messages to this user", undefined, 403);

/** Any two users may exchange DMs unless either has blocked the other. Safe to retry with a nonce. */
export async function sendDirectMessage(sender: User, input: SendDirectMessageInput) {
  if (input.message_type === "ai") throw forbidden("Messages of type ai are sent by Auraflow itself, not by users");
  if (input.receiver_id === sender.id) throw new ApiError("invalid_request", "You cannot send a direct message to yourself");
  await requireUser(input.receiver_id);
  if (await isBlockedBetween(sender.id, input.receiver_id)) throw cannotMessage();

  const nonce = input.nonce;
  const { row: message, created } = await createOnce(nonce, {
    create: () =>
      queries.insertDirectMessage({
        sender_id: sender.id,
        receiver_id: input.receiver_id,
        content: input.content,
        message_type: input.message_type,
        nonce: nonce ?? null,
      }, (inserted) => emitInOrder([userRoom(inserted.sender_id), userRoom(inserted.receiver_id)], "direct_message_sent", inserted)),
    find: () => findByNonce(sender.id, nonce!),
    releaseStale: () => db.directMessage.updateMany({ where: staleNonce(sender.id, nonce!), data: { nonce: null } }),
  });
  return { message, created };
}
