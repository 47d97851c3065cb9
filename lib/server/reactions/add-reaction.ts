import { isForeignKeyViolation, transaction } from "../db/client";
import { ApiError, notFound } from "../errors";
import { canonicalEmoji } from "./emoji";
import { requireReactable, type ReactionSubject } from "./reactable";

/** Discord's limit: a message shows at most this many different emoji. */
export const MAX_DISTINCT_REACTIONS = 20;

const tooMany = () =>
  new ApiError("too_many_reactions", `A message has at most ${MAX_DISTINCT_REACTIONS} different reactions`, { max: MAX_DISTINCT_REACTIONS }, 409);

/**
 * Adds the caller's `emoji` to a message: once only, so a repeat changes nothing and announces
 * nothing. An emoji new to the message needs room under the limit; one already there is always
 * open to more users.
 */
export async function addReaction(userId: number, subject: ReactionSubject, rawEmoji: string): Promise<void> {
  const emoji = canonicalEmoji(rawEmoji);
  const reactable = await requireReactable(userId, subject, "add");
  const key = "message_id" in subject ? `reactions:message:${subject.message_id}` : `reactions:direct:${subject.direct_message_id}`;
  const added = await transaction(
    async (tx) => {
      if (await tx.reaction.findFirst({ where: { ...subject, emoji, user_id: userId }, select: { id: true } })) return false;
      const present = await tx.reaction.groupBy({ by: ["emoji"], where: subject });
      if (present.length >= MAX_DISTINCT_REACTIONS && !present.some((row) => row.emoji === emoji)) throw tooMany();
      await tx.reaction.create({ data: { ...subject, emoji, user_id: userId } });
      return true;
    },
    // Two new emoji at once must not both take the last place under the limit.
    { exclusive: key },
  ).catch((error: unknown) => {
    // The message was deleted after the checks.
    throw isForeignKeyViolation(error) ? notFound("Message") : error;
  });
  if (added) reactable.announce("added", emoji, userId);
}
