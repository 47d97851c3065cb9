import type { DirectMessage as DirectMessageDto } from "@/lib/api/entities";
import type { SendDirectMessageInput } from "@/lib/validations/messages";
import { assertCanMessage, forbidden } from "../access";
import { db, isForeignKeyViolation, queries } from "../db/client";
import type { User } from "../db/generated/client";
import { ApiError } from "../errors";
import { emitInOrder } from "../realtime/emit";
import { conversationRooms } from "../realtime/rooms";
import { stopTypingSoon } from "../realtime/typing";
import { consumeLimit } from "../limits/rate-limit";
import { createOnce, earlierSend, staleNonce } from "../messages/nonce";
import { announceDirectMessage } from "./announce-direct-message";
import { conversationWhere, directMessageInclude, toDirectMessage } from "./serialize";
import { attachmentsUnavailable, messageTypeFor } from "../attachments/message-type";
import { answerDirectMessage } from "../assistant/answer";
import { aiProvenanceOf } from "../messages/ai-message";

async function findByNonce(senderId: number, nonce: string) {
  const row = await db.directMessage.findUnique({ where: { sender_id_nonce: { sender_id: senderId, nonce } }, include: directMessageInclude });
  return row && toDirectMessage(row, senderId);
}

/** Also what a reply to a DM of another conversation gets: it does not exist for this one. */
const badReplyTo = () =>
  new ApiError("invalid_request", "reply_to must be a direct message in the same conversation", [
    { path: "reply_to", message: "No such message in this conversation" },
  ]);


/**
 * Any two users may exchange DMs unless either has blocked the other, within the rate limits.
 * A reply quotes a DM of the same conversation. Safe to retry with a nonce.
 */
export async function sendDirectMessage(sender: User, input: SendDirectMessageInput) {
  if (!sender.is_ai && (input.message_type === "ai" || input.ai !== undefined)) throw forbidden("Only AI bots send ai messages");
  await assertCanMessage(sender.id, input.receiver_id);
  await consumeLimit("direct_message", `${sender.id}:${input.receiver_id}`);
  await consumeLimit("message_burst", sender.id);
  const replyTo = input.reply_to ?? null;
  if (replyTo !== null && !(await db.directMessage.findFirst({ where: { id: replyTo, ...conversationWhere(sender.id, input.receiver_id) }, select: { id: true } }))) {
    throw badReplyTo();
  }
  const nonce = input.nonce;
  if (input.attachment_ids.length > 0) {
    const earlier = await earlierSend(nonce, () => findByNonce(sender.id, nonce!));
    if (earlier) return { message: earlier, created: false };
  }
  const ai = await aiProvenanceOf(sender, input, async (userId) => userId === input.receiver_id);
  const messageType = ai ? "ai" : await messageTypeFor(sender.id, input.attachment_ids, input.message_type);

  const { row: message, created } = await createOnce(nonce, {
    create: async () => {
      const inserted = await queries
        .insertDirectMessage(
          {
            sender_id: sender.id,
            receiver_id: input.receiver_id,
            content: input.content,
            message_type: messageType,
            reply_to: replyTo,
            nonce: nonce ?? null,
            attachment_ids: input.attachment_ids,
            ai,
          },
          announceDirectMessage,
        )
        // The quoted DM was deleted between the check and the insert.
        .catch((error: unknown) => {
          throw isForeignKeyViolation(error) ? badReplyTo() : error;
        });
      // Another send took one of the uploads after the check.
      if (!inserted) throw attachmentsUnavailable(input.attachment_ids);
      return inserted;
    },
    find: () => findByNonce(sender.id, nonce!),
    releaseStale: () => db.directMessage.updateMany({ where: staleNonce(sender.id, nonce!), data: { nonce: null } }),
  });
  if (created) {
    stopTypingSoon({ user_id: input.receiver_id }, sender.id);
    answerDirectMessage(message, sender).catch((error: unknown) => console.error("[assistant]", error));
  }
  return { message, created };
}
