import { z } from "zod";
import { idNumber } from "./common";
import { MAX_ATTACHMENTS, MAX_MESSAGE_LENGTH } from "./limits";

export const messageContent = z
  .string("Content must be text")
  .trim()
  .min(1, "Message cannot be empty")
  .max(MAX_MESSAGE_LENGTH, `Message must be at most ${MAX_MESSAGE_LENGTH} characters`);

/** Sent with attachments, a message may have no text. */
const optionalContent = z
  .string("Content must be text")
  .trim()
  .max(MAX_MESSAGE_LENGTH, `Message must be at most ${MAX_MESSAGE_LENGTH} characters`)
  .default("");

export const attachmentIds = z
  .array(idNumber)
  .max(MAX_ATTACHMENTS, `At most ${MAX_ATTACHMENTS} attachments`)
  .refine((ids) => new Set(ids).size === ids.length, "An attachment can be sent once")
  .default([])
  .describe("The caller's own uploads (POST /api/attachments) that no message has taken yet");

/** Text, attachments, or both. */
function requireSomething(input: { content: string; attachment_ids: number[] }, ctx: z.RefinementCtx) {
  if (input.content === "" && input.attachment_ids.length === 0) ctx.addIssue({ code: "custom", path: ["content"], message: "Message cannot be empty" });
}

const userMessageTypeDescription =
  "Derived from the attachments: image when every one is an image, file when any is not, text without; a value that contradicts them is a 400";

export const nonce = z
  .string()
  .min(1)
  .max(64, "Nonce must be at most 64 characters")
  .describe("Client-chosen idempotency key: a retry with the same nonce within 10 minutes returns the first message");

export const sendMessageSchema = z
  .strictObject({
    channel_id: idNumber,
    content: optionalContent,
    message_type: z.enum(["text", "image", "file", "system", "ai"]).optional().describe(userMessageTypeDescription),
    reply_to: idNumber.nullable().optional(),
    nonce: nonce.optional(),
    attachment_ids: attachmentIds,
  })
  .superRefine(requireSomething);
export type SendMessageInput = z.output<typeof sendMessageSchema>;
export type SendMessageBody = z.input<typeof sendMessageSchema>;

export const editMessageSchema = z.strictObject({ content: messageContent });

export const sendDirectMessageSchema = z
  .strictObject({
    receiver_id: idNumber,
    content: optionalContent,
    message_type: z.enum(["text", "image", "file", "ai"]).optional().describe(userMessageTypeDescription),
    reply_to: idNumber.nullable().optional(),
    nonce: nonce.optional(),
    attachment_ids: attachmentIds,
  })
  .superRefine(requireSomething);
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
