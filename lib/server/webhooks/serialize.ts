import { createHash, timingSafeEqual } from "node:crypto";
import type { CreatedWebhook, Webhook as WebhookDto } from "@/lib/api/entities";
import type { User, Webhook } from "../db/generated/client";
import { iso, toUserSummary } from "../users/serialize";

export const webhookInclude = { creator: { select: { username: true, display_name: true, avatar_url: true } } } as const;

type WebhookRow = Webhook & { creator: Pick<User, "username" | "display_name" | "avatar_url"> | null };

/** A webhook as its channel's managers list it: never its token. */
export function toWebhook(row: WebhookRow): WebhookDto {
  return {
    id: row.id,
    channel_id: row.channel_id,
    name: row.name,
    avatar_url: row.avatar_url,
    created_at: iso(row.created_at),
    creator: row.creator && toUserSummary(row.creator),
  };
}

/** The path that executes a webhook: the token in it is the only credential. */
export const webhookPath = (id: number, token: string) => `/api/webhooks/${id}/${token}`;

/** The answer to its creation, the one time the token is shown. */
export function toCreatedWebhook(row: Webhook, token: string): CreatedWebhook {
  return {
    id: row.id,
    channel_id: row.channel_id,
    name: row.name,
    avatar_url: row.avatar_url,
    token,
    url: webhookPath(row.id, token),
    created_at: iso(row.created_at),
  };
}

/** What webhooks.token_hash stores: SHA-256 of the token, hex. */
export const hashWebhookToken = (token: string) => createHash("sha256").update(token).digest("hex");

// Compared with when there is no webhook, so that an unknown id costs what a wrong token does.
const NO_HASH = hashWebhookToken("");

/** Whether `token` is the one whose hash is `tokenHash` (null: no such webhook), in constant time. */
export function tokenMatches(token: string, tokenHash: string | null): boolean {
  const given = Buffer.from(hashWebhookToken(token), "hex");
  const stored = Buffer.from(tokenHash ?? NO_HASH, "hex");
  return stored.length === given.length && timingSafeEqual(given, stored) && tokenHash !== null;
}
