import type { Reaction } from "@/lib/api/entities";

/**
 * Whose view a message is serialized for: `me` in its reactions says whether this user reacted.
 * Null for an event that goes to many readers at once, where `me` is false for every emoji.
 */
export type Viewer = number | null;

/** Prisma's select for a message's (or DM's) reactions, in the order they were made. */
export const reactionsInclude = {
  reactions: { select: { emoji: true, user_id: true }, orderBy: { id: "asc" } },
} as const;

export interface ReactionRow {
  emoji: string;
  user_id: number;
}

/** Reaction rows in the order they were made, as the API's per-emoji summary (what the hot queries compute in SQL). */
export function toReactions(rows: ReactionRow[], viewer: Viewer): Reaction[] {
  const byEmoji = new Map<string, Reaction>();
  for (const row of rows) {
    let reaction = byEmoji.get(row.emoji);
    if (!reaction) byEmoji.set(row.emoji, (reaction = { emoji: row.emoji, count: 0, me: false }));
    reaction.count += 1;
    if (row.user_id === viewer) reaction.me = true;
  }
  return [...byEmoji.values()];
}

export interface StoredReaction {
  emoji: string;
  count: number;
  /** SQLite answers 0/1, PostgreSQL a boolean. */
  me: number | boolean;
}

/** The reactions column of a hot query's row: SQLite hands the JSON array over as text, PostgreSQL parsed. */
export function reactionsFrom(value: string | StoredReaction[] | null | undefined): Reaction[] {
  if (value == null) return [];
  const rows = typeof value === "string" ? (JSON.parse(value) as StoredReaction[]) : value;
  return rows.map((row) => ({ emoji: row.emoji, count: row.count, me: row.me === true || row.me === 1 }));
}
