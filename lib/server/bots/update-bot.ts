import type { Bot } from "@/lib/api/entities";
import type { UpdateBotInput } from "@/lib/validations/bots";
import { db } from "../db/client";
import { updateProfile } from "../users/update-profile";
import { findOwnBot } from "./find-bot";
import { toBot } from "./serialize";

/** Renames the caller's bot, changes its avatar (announced as a profile change is), or marks it an AI bot (or not). */
export async function updateBot(ownerId: number, botId: number, input: UpdateBotInput): Promise<Bot> {
  const { is_ai, ...profile } = input;
  const bot = await findOwnBot(ownerId, botId);
  if (Object.keys(profile).length > 0) await updateProfile(bot, profile);
  const updated = is_ai === undefined ? await db.user.findUniqueOrThrow({ where: { id: bot.id } }) : await db.user.update({ where: { id: bot.id }, data: { is_ai } });
  return toBot(updated);
}
