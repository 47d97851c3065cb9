import { randomBytes, randomUUID } from "node:crypto";
import type { CreatedWebhook } from "@/lib/api/entities";
import type { CreateWebhookInput } from "@/lib/validations/webhooks";
import { requireChannelPermission } from "../access";
import { recordAudit } from "../audit/record-audit";
import { isForeignKeyViolation, transaction } from "../db/client";
import { ApiError, notFound } from "../errors";
import { hashWebhookToken, toCreatedWebhook } from "./serialize";

/** Webhooks per channel (Discord's number). */
export const MAX_WEBHOOKS_PER_CHANNEL = 10;

/** The password hash of every webhook's author row: not an argon2 hash, so nothing signs it in. */
export const WEBHOOK_PASSWORD_HASH = "!webhook";

/**
 * The `users` row a webhook's messages are sent by. The username's hyphen and the email's dotless
 * domain are both refused by registration, so nobody can take them; it never joins a community.
 */
function authorRow(name: string, avatarUrl: string | null) {
  const username = `webhook-${randomBytes(6).toString("hex")}`;
  return {
    username,
    username_lower: username,
    email: `webhook-${randomUUID()}@webhooks.invalid`,
    password_hash: WEBHOOK_PASSWORD_HASH,
    display_name: name,
    avatar_url: avatarUrl,
    is_bot: true,
    is_ai: false,
    bot_owner_id: null,
  };
}

/**
 * An owner or admin gives a text, private or announcement channel an incoming webhook: a token
 * (shown only in this answer; the database keeps its SHA-256) that lets anyone holding it post
 * there as the webhook, and an author row of its own for those messages.
 */
export async function createWebhook(userId: number, channelId: number, input: CreateWebhookInput): Promise<CreatedWebhook> {
  const { channel } = await requireChannelPermission(userId, channelId, "manageWebhooks", "create webhooks");
  if (channel.type === "voice") throw new ApiError("voice_channel", "Voice channels take no webhooks", undefined, 400);
  const token = randomBytes(32).toString("base64url");
  const avatarUrl = input.avatar_url ?? null;
  const webhook = await transaction(
    async (tx) => {
      // Counted under the channel's key: two creations at once cannot both take the last place.
      if ((await tx.webhook.count({ where: { channel_id: channelId } })) >= MAX_WEBHOOKS_PER_CHANNEL) {
        throw new ApiError("conflict", `A channel has at most ${MAX_WEBHOOKS_PER_CHANNEL} webhooks: delete one to create another`);
      }
      const author = await tx.user.create({ data: authorRow(input.name, avatarUrl), select: { id: true } });
      const created = await tx.webhook.create({
        data: { channel_id: channelId, user_id: author.id, name: input.name, avatar_url: avatarUrl, token_hash: hashWebhookToken(token), creator_id: userId },
      });
      await recordAudit(tx, {
        communityId: channel.community_id, actorId: userId, action: "webhook_create", targetType: "webhook", targetId: created.id,
        changes: { channel_id: channelId, name: input.name, avatar_url: avatarUrl },
      });
      return created;
    },
    { exclusive: `webhooks:${channelId}` },
  ).catch((error: unknown) => {
    // The channel was deleted after the check.
    throw isForeignKeyViolation(error) ? notFound("Channel") : error;
  });
  return toCreatedWebhook(webhook, token);
}
