import type { Bot } from "@/lib/api/entities";
import { db } from "../db/client";
import { toBot } from "./serialize";

/** The caller's live bots, oldest first. */
export async function listBots(ownerId: number): Promise<Bot[]> {
  const bots = await db.user.findMany({ where: { bot_owner_id: ownerId, is_bot: true, deleted_at: null }, orderBy: { id: "asc" } });
  return bots.map(toBot);
}
