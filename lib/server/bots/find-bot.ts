import { db } from "../db/client";
import type { User } from "../db/generated/client";
import { notFound } from "../errors";

/** The caller's own live bot; anyone else's answers exactly like a missing one. */
export async function findOwnBot(ownerId: number, botId: number): Promise<User> {
  const bot = await db.user.findFirst({ where: { id: botId, is_bot: true, bot_owner_id: ownerId, deleted_at: null } });
  if (!bot) throw notFound("Bot");
  return bot;
}
