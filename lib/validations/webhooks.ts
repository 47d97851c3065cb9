import { z } from "zod";
import { idString, imageUrl } from "./common";
import { messageContent } from "./messages";

/** A webhook's name, or a message's username override: 1–80 characters, as in Discord. */
const webhookName = (label: string) =>
  z.string(`${label} must be text`).trim().min(1, `${label} cannot be empty`).max(80, `${label} must be at most 80 characters`);

/** 32 random bytes in base64url, unpadded: what create-webhook hands out. */
export const WEBHOOK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const webhookTokenParams = z.strictObject({
  id: idString,
  token: z.string().regex(WEBHOOK_TOKEN_PATTERN, "Must be a webhook token (43 characters of base64url)"),
});

export const createWebhookSchema = z.strictObject({
  name: webhookName("Name").describe("What its messages are signed with, 1–80 characters"),
  avatar_url: imageUrl.nullable().optional().describe("The avatar its messages show (null or absent: none)"),
});
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const executeWebhookSchema = z.strictObject({
  content: messageContent,
  username: webhookName("Username").optional().describe("This message's author instead of the webhook's name, 1–80 characters"),
  avatar_url: imageUrl.optional().describe("This message's avatar instead of the webhook's"),
});
export type ExecuteWebhookInput = z.output<typeof executeWebhookSchema>;
