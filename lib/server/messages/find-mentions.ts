import type { CommunityRole } from "../db/generated/client";
import { db } from "../db/client";
import { mentionTokens, type Mentions } from "./mentions";

/** Who a message's content mentions: its tokens of users that exist (deleted accounts are text). */
export async function findMentions(content: string, senderRole: CommunityRole): Promise<Mentions> {
  const tokens = mentionTokens(content, senderRole);
  if (tokens.mention_ids.length === 0) return tokens;
  const existing = await db.user.findMany({ where: { id: { in: tokens.mention_ids }, deleted_at: null }, select: { id: true } });
  const found = new Set(existing.map((user) => user.id));
  return { ...tokens, mention_ids: tokens.mention_ids.filter((id) => found.has(id)) };
}
