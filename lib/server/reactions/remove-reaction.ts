import { db } from "../db/client";
import { canonicalEmoji } from "./emoji";
import { requireReactable, type ReactionSubject } from "./reactable";

/** Takes the caller's `emoji` off a message; removing one that is not there changes and announces nothing. */
export async function removeReaction(userId: number, subject: ReactionSubject, rawEmoji: string): Promise<void> {
  const emoji = canonicalEmoji(rawEmoji);
  const reactable = await requireReactable(userId, subject, "remove");
  const { count } = await db.reaction.deleteMany({ where: { ...subject, emoji, user_id: userId } });
  if (count > 0) reactable.announce("removed", emoji, userId);
}
