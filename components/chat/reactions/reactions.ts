import type { Reaction } from "@/lib/api/entities";

/** The most distinct emoji one message takes (the API answers 409 beyond). */
export const MAX_DISTINCT_REACTIONS = 20;

/**
 * `reactions` after one user's reaction with `emoji` came (`added`) or went. The viewer's own
 * change may already be shown (optimistically): then it is not counted twice. A new emoji goes
 * last, as the API orders them by first reaction; a chip whose count drops to 0 goes.
 */
export function applyReaction(reactions: Reaction[], emoji: string, added: boolean, byViewer: boolean): Reaction[] {
  const at = reactions.findIndex((r) => r.emoji === emoji);
  const chip = reactions[at];
  if (added) {
    if (!chip) return [...reactions, { emoji, count: 1, me: byViewer }];
    if (byViewer && chip.me) return reactions;
    return reactions.map((r, i) => (i === at ? { ...r, count: r.count + 1, me: r.me || byViewer } : r));
  }
  if (!chip || (byViewer && !chip.me)) return reactions;
  if (chip.count <= 1) return reactions.filter((_, i) => i !== at);
  return reactions.map((r, i) => (i === at ? { ...r, count: r.count - 1, me: r.me && !byViewer } : r));
}

/** Whether a reaction with `emoji` would be one distinct emoji too many. */
export function reactionsFull(reactions: Reaction[], emoji: string): boolean {
  return reactions.length >= MAX_DISTINCT_REACTIONS && !reactions.some((r) => r.emoji === emoji);
}
