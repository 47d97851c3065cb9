"use client";

import { useMentionScope } from "./mention-context";

const PILL = "rounded px-0.5 font-medium";
const OTHERS = "bg-aura-500/15 text-aura-700 dark:bg-aura-500/30 dark:text-aura-300";
const VIEWER = "bg-aura-600 text-white";

/** `<@id>` as "@display name", the viewer's own stronger; someone the page does not know is "@unknown-user". */
export function MentionPill({ userId }: { userId: number }) {
  const scope = useMentionScope();
  const person = scope?.byId.get(userId);
  return (
    <span className={`${PILL} ${userId === scope?.me ? VIEWER : OTHERS}`} title={person ? `@${person.username}` : undefined} data-mention={userId}>
      @{person?.displayName ?? "unknown-user"}
    </span>
  );
}

/** `@everyone` / `@here` as a pill: only where they pinged (an owner or admin sent them). */
export function EveryonePill({ word }: { word: string }) {
  return (
    <span className={`${PILL} ${VIEWER}`} data-everyone>
      {word}
    </span>
  );
}
