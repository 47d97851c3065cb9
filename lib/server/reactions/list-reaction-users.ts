import type { ReactionUsers } from "@/lib/api/entities";
import { db } from "../db/client";
import { presenceViewOf } from "../users/presence-view";
import { publicUserSelect, toPublicUser } from "../users/serialize";
import { canonicalEmoji } from "./emoji";
import { requireReactable, type ReactionSubject } from "./reactable";

/** Who reacted to a message with `emoji`, in the order they did, as the caller sees them. */
export async function listReactionUsers(userId: number, subject: ReactionSubject, rawEmoji: string, limit: number): Promise<ReactionUsers> {
  const emoji = canonicalEmoji(rawEmoji);
  await requireReactable(userId, subject, "list");
  const [rows, view] = await Promise.all([
    db.reaction.findMany({ where: { ...subject, emoji }, orderBy: { id: "asc" }, take: limit, select: { user: { select: publicUserSelect } } }),
    presenceViewOf(userId),
  ]);
  return { users: rows.map((row) => view(toPublicUser(row.user))) };
}
