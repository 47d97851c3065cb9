import type { NotificationSetting } from "@/lib/api/entities";
import type { NotificationLevel } from "../db/generated/client";

// Which notification setting holds for a channel: the user's own for the channel, else theirs for
// the community, else the default (everything, not muted). The more specific row wins whole: a
// channel set to "all" in a muted community is not muted.

export interface StoredSetting {
  level: NotificationLevel;
  muted_until: Date | null;
}

const DEFAULT: StoredSetting = { level: "all", muted_until: null };

/** A mute whose time has passed is no mute: it reads as null. */
const activeMute = (mutedUntil: Date | null, now: number) => (mutedUntil && mutedUntil.getTime() > now ? mutedUntil : null);

export function effectiveSetting(channel: StoredSetting | null, community: StoredSetting | null, now = Date.now()): NotificationSetting {
  const [setting, source] = channel ? [channel, "channel" as const] : community ? [community, "community" as const] : [DEFAULT, "default" as const];
  return { level: setting.level, muted_until: activeMute(setting.muted_until, now)?.toISOString() ?? null, source };
}

/**
 * What a channel adds to the rail's badges under a setting: nothing while muted or at "none";
 * at "mentions" only its mentions; at "all" both counts.
 */
export function railCounts(setting: NotificationSetting, counts: { unread_count: number; mention_count: number }) {
  if (setting.muted_until !== null || setting.level === "none") return { unread_count: 0, mention_count: 0 };
  return setting.level === "mentions" ? { unread_count: 0, mention_count: counts.mention_count } : counts;
}
