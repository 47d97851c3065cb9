import type { Bot } from "@/lib/api/entities";
import type { User } from "../db/generated/client";
import { toPublicUser } from "../users/serialize";

/** A bot as its owner sees it. */
export function toBot(row: User): Bot {
  return { ...toPublicUser(row), is_ai: row.is_ai, owner_id: row.bot_owner_id! };
}
