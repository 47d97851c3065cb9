import { z } from "zod";
import { idNumber } from "./common";
import { MAX_MESSAGE_LENGTH } from "./limits";

export const messageContent = z
  .string("Content must be text")
  .trim()
  .min(1, "Message cannot be empty")
  .max(MAX_MESSAGE_LENGTH, `Message must be at most ${MAX_MESSAGE_LENGTH} characters`);

export const nonce = z
  .string()
  .min(1)
  .max(64, "Nonce must be at most 64 characters")
  .describe("Client-chosen idempotency key: a retry with the same nonce within 10 minutes returns the first message");

export const sendMessageSchema = z.strictObject({
  channel_id: idNumber,
  content: messageContent,
  message_type: z.enum(["text", "image", "file", "system", "ai"]).default("text"),
  reply_to: idNumber.nullable().optional(),
  nonce: nonce.optional(),
});
export type SendMessageInput = z.output<typeof sendMessageSchema>;
export type SendMessageBody = z.input<typeof sendMessageSchema>;

export const editMessageSchema = z.strictObject({ content: messageContent });

export const sendDirectMessageSchema = z.strictObject({
  receiver_id: idNumber,
  content: messageContent,
  message_type: z.enum(["text", "image", "file", "ai"]).default("text"),
  reply_to: idNumber.nullable().optional(),
  nonce: nonce.optional(),
});
export type SendDirectMessageInput = z.output<typeof sendDirectMessageSchema>;
export type SendDirectMessageBody = z.input<typeof sendDirectMessageSchema>;

export const markReadSchema = z.union([
  z.strictObject({ channel_id: idNumber, message_id: idNumber.optional() }),
  z.strictObject({ user_id: idNumber }),
]);
export type MarkReadInput = z.output<typeof markReadSchema>;

/** "Mark unread" from a message on: in a channel, or in the DM conversation with `user_id`. */
export const markUnreadSchema = z.union([
  z.strictObject({ channel_id: idNumber, message_id: idNumber }),
  z.strictObject({ user_id: idNumber, message_id: idNumber }),
]);
export type MarkUnreadInput = z.output<typeof markUnreadSchema>;
