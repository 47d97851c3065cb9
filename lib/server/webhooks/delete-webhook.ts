import { requireWebhookManager } from "../access";
import { recordAudit } from "../audit/record-audit";
import { db, transaction, type Prisma, type Tx } from "../db/client";
import { notFound } from "../errors";

/**
 * Marks the author rows of the webhooks `where` selects as deleted, in the transaction that deletes
 * the webhooks (one by one, or with their channel or community). Their messages keep the row and
 * its name; a row without its webhook must not turn up in user search or be added to a community.
 */
export async function retireWebhookAuthors(tx: Pick<Tx, "user">, where: Prisma.WebhookWhereInput): Promise<void> {
  await tx.user.updateMany({ where: { webhook: { is: where }, deleted_at: null }, data: { deleted_at: new Date() } });
}

/**
 * An owner or admin who can read the channel deletes its webhook: the token stops working at once.
 * Its messages stay, under the name and avatar they were posted with, no longer linked to it.
 */
export async function deleteWebhook(userId: number, webhookId: number): Promise<void> {
  const webhook = await db.webhook.findUnique({ where: { id: webhookId }, include: { channel: { select: { community_id: true } } } });
  if (!webhook) throw notFound("Webhook");
  await requireWebhookManager(userId, webhook);
  await transaction(async (tx) => {
    await retireWebhookAuthors(tx, { id: webhookId });
    const { count } = await tx.webhook.deleteMany({ where: { id: webhookId } });
    if (count === 0) throw notFound("Webhook");
    // By sender too: the (sender_id, nonce) index finds them without reading the channel's history.
    await tx.message.updateMany({ where: { sender_id: webhook.user_id, webhook_id: webhookId }, data: { webhook_id: null } });
    await recordAudit(tx, {
      communityId: webhook.channel.community_id, actorId: userId, action: "webhook_delete", targetType: "webhook", targetId: webhookId,
      changes: { channel_id: webhook.channel_id, name: webhook.name },
    });
  });
}
