import type { SendMessageInput } from "@/lib/validations/messages";
import { assertCanPost, forbidden, requireChannelAccess } from "../access";
import { db } from "../db/client";
import type { Message, User } from "../db/generated/client";
import { ApiError } from "../errors";
import { channelRoom, emitTo } from "../realtime/server";
import { stopTyping } from "../realtime/typing";
import { createOnce, staleNonce } from "./nonce";
import { toMessage } from "./serialize";

export interface SentMessage {
  message: ReturnType<typeof toMessage>;
  /** false when the nonce matched a message the sender sent in the last 10 minutes. */
  created: boolean;
}

const USER_MESSAGE_TYPES = new Set(["text", "image", "file"]);

async function findByNonce(senderId: number, nonce: string): Promise<Message | null> {
  return db.message.findUnique({ where: { sender_id_nonce: { sender_id: senderId, nonce } } });
}

/** Posts a message in a channel the sender can read and post in. Safe to retry with a nonce. */
export async function sendMessage(sender: User, input: SendMessageInput): Promise<SentMessage> {
  if (!USER_MESSAGE_TYPES.has(input.message_type)) {
    throw forbidden(`Messages of type ${input.message_type} are sent by Auraflow itself, not by users`);
  }
  const access = await requireChannelAccess(sender.id, input.channel_id);
  assertCanPost(access);

  const { row, created } = await createOnce(input.nonce, () => findByNonce(sender.id, input.nonce!), async () => {
    if (input.reply_to != null) {
      const parent = await db.message.findUnique({ where: { id: input.reply_to }, select: { channel_id: true } });
      if (parent?.channel_id !== input.channel_id) {
        throw new ApiError("invalid_request", "reply_to must be a message in the same channel", [
          { path: "reply_to", message: "No such message in this channel" },
        ]);
      }
    }
    // No transaction needed: releasing a nonce older than the window cannot race a fresh retry,
    // and the unique (sender_id, nonce) index settles retries that race each other.
    if (input.nonce) await db.message.updateMany({ where: staleNonce(sender.id, input.nonce), data: { nonce: null } });
    return db.message.create({
      data: {
        channel_id: input.channel_id,
        sender_id: sender.id,
        content: input.content,
        message_type: input.message_type,
        reply_to: input.reply_to ?? null,
        author: sender.username,
        avatar_url: sender.avatar_url,
        nonce: input.nonce ?? null,
      },
    });
  });
  const message = toMessage(row);
  if (created) {
    stopTyping(message.channel_id, sender.id);
    emitTo(channelRoom(message.channel_id), "message_sent", message);
  }
  return { message, created };
}
