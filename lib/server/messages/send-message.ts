import type { SendMessageInput } from "@/lib/validations/messages";
import { can } from "@/lib/permissions";
import { assertCanPost, findChannelAccess, forbidden, requireChannelAccess } from "../access";
import { db, isForeignKeyViolation, queries } from "../db/client";
import type { User } from "../db/generated/client";
import { ApiError, notFound } from "../errors";
import { consumeLimit, consumeSlowmode } from "../limits/rate-limit";
import { stopTypingSoon } from "../realtime/typing";
import type { Message } from "@/lib/api/entities";
import { createOnce, earlierSend, nonceCutoff } from "./nonce";
import { attachmentsUnavailable, messageTypeFor } from "../attachments/message-type";
import { announceMessage } from "./announce-message";
import { answerMention } from "../assistant/answer";
import { aiProvenanceOf } from "./ai-message";
import { findMentions } from "./find-mentions";

export interface SentMessage {
  message: Message;
  /** false when the nonce matched a message the sender sent in the last 10 minutes. */
  created: boolean;
}


const badReplyTo = () =>
  new ApiError("invalid_request", "reply_to must be a message in the same channel", [
    { path: "reply_to", message: "No such message in this channel" },
  ]);

/**
 * The channel or the replied-to message was deleted between the checks and the insert. The checks
 * and the insert are direct statements with no I/O between them, so only a transaction that
 * Prisma's queue starts in those few microtasks can do it; it must still not be a 500.
 */
async function deletedMeanwhile(error: unknown, senderId: number, input: SendMessageInput): Promise<never> {
  if (!isForeignKeyViolation(error)) throw error;
  throw (await findChannelAccess(senderId, input.channel_id)) ? badReplyTo() : notFound("Channel");
}

type Sender = Pick<User, "id" | "username" | "avatar_url" | "is_bot" | "is_ai" | "bot_owner_id">;

/**
 * Posts a message in a channel the sender can read and post in, within the rate limits and the
 * channel's slowmode (admins and the owner exempt). Safe to retry with a nonce.
 */
export async function sendMessage(sender: Sender, input: SendMessageInput): Promise<SentMessage> {
  if (input.message_type === "system") throw forbidden("Messages of type system are sent by Auraflow itself, not by users");
  if (!sender.is_ai && (input.message_type === "ai" || input.ai !== undefined)) throw forbidden("Only AI bots send ai messages");
  const access = await requireChannelAccess(sender.id, input.channel_id);
  assertCanPost(access);
  await consumeLimit("message", `${sender.id}:${input.channel_id}`);
  await consumeLimit("message_burst", sender.id);
  const slowmode = access.channel.rate_limit_per_user;
  if (slowmode > 0 && !can(access.membership.role, "skipSlowmode")) await consumeSlowmode(input.channel_id, sender.id, slowmode);
  if (input.reply_to != null && (await queries.messageChannel(input.reply_to)) !== input.channel_id) throw badReplyTo();
  const nonce = input.nonce;
  if (input.attachment_ids.length > 0) {
    const earlier = await earlierSend(nonce, () => queries.messageByNonce(sender.id, nonce!));
    if (earlier) return { message: earlier, created: false };
  }
  const ai = await aiProvenanceOf(sender, input, async (userId) => {
    const repliedTo = input.reply_to == null ? null : await db.message.findFirst({ where: { id: input.reply_to, channel_id: input.channel_id }, select: { sender_id: true } });
    return repliedTo?.sender_id === userId && (await findChannelAccess(userId, input.channel_id)) !== null;
  });
  const messageType = ai ? "ai" : await messageTypeFor(sender.id, input.attachment_ids, input.message_type);
  const mentions = await findMentions(input.content, access.membership.role);

  const { row: message, created } = await createOnce(nonce, {
    create: async () => {
      const inserted = await queries.insertMessage({
        channel_id: input.channel_id,
        sender_id: sender.id,
        content: input.content,
        message_type: messageType,
        reply_to: input.reply_to ?? null,
        author: sender.username,
        avatar_url: sender.avatar_url,
        nonce: nonce ?? null,
        attachment_ids: input.attachment_ids,
        mentions,
        is_bot: sender.is_bot,
        ai,
      }, announceMessage).catch((error: unknown) => deletedMeanwhile(error, sender.id, input));
      // Another send took one of the uploads after the check.
      if (!inserted) throw attachmentsUnavailable(input.attachment_ids);
      return inserted;
    },
    find: () => queries.messageByNonce(sender.id, nonce!),
    releaseStale: () => queries.releaseMessageNonce(sender.id, nonce!, nonceCutoff()),
  });
  if (created) {
    stopTypingSoon({ channel_id: message.channel_id }, sender.id);
    answerMention(message, sender).catch((error: unknown) => console.error("[assistant]", error));
  }
  return { message, created };
}
