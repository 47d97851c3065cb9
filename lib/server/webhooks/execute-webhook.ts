import type { Message } from "@/lib/api/entities";
import type { ExecuteWebhookInput } from "@/lib/validations/webhooks";
import { voiceChannelRefusal } from "../access";
import { db, isForeignKeyViolation, queries } from "../db/client";
import { notFound } from "../errors";
import { consumeLimit } from "../limits/rate-limit";
import { announceMessage } from "../messages/announce-message";
import { findMentions } from "../messages/find-mentions";
import { tokenMatches } from "./serialize";

/** One answer for an unknown webhook, a deleted one and a wrong token: nothing tells them apart. */
const unknownWebhook = () => notFound("Webhook");

/**
 * Posts `input.content` in the webhook's channel, for whoever holds its token (no account needed):
 * sent by the webhook's author row, under `username` and `avatar_url` when given, else the
 * webhook's own. Announced like any message. The webhook's rate limit counts only requests with
 * the right token, so that guessing cannot use up a real webhook's budget. `@everyone` and `@here`
 * are text, as from a plain member; `<@id>` tokens mention.
 */
export async function executeWebhook(webhookId: number, token: string, input: ExecuteWebhookInput): Promise<Message> {
  const webhook = await db.webhook.findUnique({
    where: { id: webhookId },
    select: { id: true, user_id: true, name: true, avatar_url: true, token_hash: true, channel: { select: { id: true, type: true } } },
  });
  if (!tokenMatches(token, webhook?.token_hash ?? null) || !webhook) throw unknownWebhook();
  await consumeLimit("webhook", webhook.id);
  // A channel can become a voice channel after its webhook was made.
  if (webhook.channel.type === "voice") throw voiceChannelRefusal();
  const mentions = await findMentions(input.content, "member");
  const message = await queries
    .insertMessage(
      {
        channel_id: webhook.channel.id,
        sender_id: webhook.user_id,
        content: input.content,
        message_type: "text",
        reply_to: null,
        author: input.username ?? webhook.name,
        avatar_url: input.avatar_url ?? webhook.avatar_url,
        nonce: null,
        attachment_ids: [],
        mentions,
        is_bot: true,
        webhook_id: webhook.id,
      },
      announceMessage,
    )
    .catch((error: unknown) => {
      // The channel, and the webhook with it, was deleted after the check.
      throw isForeignKeyViolation(error) ? unknownWebhook() : error;
    });
  // Nothing to take (no attachments): an insert always yields its row.
  return message!;
}
