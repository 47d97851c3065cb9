import { can } from "@/lib/permissions";
import type { CommunityRole } from "../db/generated/client";

/** Distinct users one message may mention; tokens beyond stay plain text. */
export const MAX_MENTIONS = 50;

/**
 * The `message_mentions.user_id` of an `@everyone` / `@here` that took effect: every reader of the
 * channel. No account has id 0, so the row stands beside the personal ones in one index.
 */
export const EVERYONE = 0;

const MAX_ID = 2_147_483_647;

// One pass over the content on every send: `<@id>` tokens and the two broadcast words, which
// count only as words of their own (not inside "me@everyone.org").
const MENTION_TOKEN = /<@([1-9][0-9]{0,9})>|(?<![\w@])@(?:everyone|here)\b/g;

export interface Mentions {
  /** Mentioned users, deduplicated, in order of appearance. */
  mention_ids: number[];
  mention_everyone: boolean;
}

export const NO_MENTIONS: Mentions = { mention_ids: [], mention_everyone: false };

/**
 * The mention tokens of a message's content (the ids not yet checked against the users). `@everyone`
 * and `@here` take effect only from senders who manage the community (Discord's "Mention
 * @everyone" permission); from anyone else they are text.
 */
export function mentionTokens(content: string, senderRole: CommunityRole): Mentions {
  // Most messages mention nobody: they cost one character scan.
  if (!content.includes("@")) return NO_MENTIONS;
  const ids = new Set<number>();
  let everyone = false;
  for (const [, id] of content.matchAll(MENTION_TOKEN)) {
    if (id === undefined) everyone = true;
    else if (ids.size < MAX_MENTIONS && Number(id) <= MAX_ID) ids.add(Number(id));
  }
  return { mention_ids: [...ids], mention_everyone: everyone && can(senderRole, "mentionEveryone") };
}

/** The `message_mentions` users of a message's mentions (none for a message that mentions nobody). */
export function mentionRowUsers({ mention_ids, mention_everyone }: Mentions): number[] {
  return mention_everyone ? [...mention_ids, EVERYONE] : mention_ids;
}

/** `messages.mention_ids` as stored (a JSON array) back to the ids. */
export function storedMentionIds(stored: string): number[] {
  return stored === "[]" ? [] : (JSON.parse(stored) as number[]);
}
