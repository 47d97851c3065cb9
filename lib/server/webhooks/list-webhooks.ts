import type { Webhook } from "@/lib/api/entities";
import { requireChannelPermission } from "../access";
import { db } from "../db/client";
import { toWebhook, webhookInclude } from "./serialize";

/** Owners and admins see a channel's webhooks, oldest first; never their tokens. */
export async function listWebhooks(userId: number, channelId: number): Promise<Webhook[]> {
  await requireChannelPermission(userId, channelId, "manageWebhooks", "list webhooks");
  const webhooks = await db.webhook.findMany({ where: { channel_id: channelId }, include: webhookInclude, orderBy: { id: "asc" } });
  return webhooks.map(toWebhook);
}
