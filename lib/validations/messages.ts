import { z } from "zod";
import { searchTerms } from "../search";
import { idNumber, idString, integerQuery } from "./common";
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

export const aiInput = z
  .strictObject({
    model: z.string("model must be text").trim().min(1, "Name the model").max(100, "model must be at most 100 characters"),
    requested_by: idNumber.nullable().optional().describe("The user whose request produced the message (a reader of the conversation)"),
  })
  .describe("Only AI bots send this, with message_type ai: which model wrote the message, at whose request");
export type AiInput = z.output<typeof aiInput>;

export const sendMessageSchema = z
  .strictObject({
    channel_id: idNumber,
    content: optionalContent,
    message_type: z.enum(["text", "image", "file", "system", "ai"]).optional().describe(userMessageTypeDescription),
    reply_to: idNumber.nullable().optional(),
    nonce: nonce.optional(),
    attachment_ids: attachmentIds,
    ai: aiInput.optional(),
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
    ai: aiInput.optional(),
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

/** Search answers at most this many matches (the newest ones), ranked; `total` stops there too. */
export const MAX_SEARCH_MATCHES = 10_000;

export const messageSearchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1, "Search needs at least 1 character")
      .max(200, "Search is at most 200 characters")
      .refine((q) => searchTerms(q).length > 0, "Search needs at least one letter or digit")
      .describe("Words to find (case and diacritics ignored, punctuation separates words); the last one also as a prefix"),
    community_id: idString.optional().describe("Only this community's channels"),
    channel_id: idString.optional().describe("Only this channel"),
    dm_user_id: idString.optional().describe("The caller's direct messages with this user instead of channels"),
    author_id: idString.optional().describe("Only messages this user sent"),
    has: z.enum(["image", "file", "link"]).optional().describe("image: an image attachment; file: an attachment that is not an image; link: an http(s) URL in the text"),
    before: idString.optional().describe("Only messages older than this id"),
    after: idString.optional().describe("Only messages newer than this id"),
    limit: integerQuery(1, 100).default(25).describe("Page size, 1–100 (default 25)"),
    offset: integerQuery(0, MAX_SEARCH_MATCHES).default(0).describe("Results to skip (default 0)"),
  })
  .refine((query) => query.dm_user_id === undefined || (query.community_id === undefined && query.channel_id === undefined), {
    message: "dm_user_id searches direct messages: it cannot be combined with community_id or channel_id",
    path: ["dm_user_id"],
  });
export type MessageSearchQuery = z.output<typeof messageSearchQuery>;
