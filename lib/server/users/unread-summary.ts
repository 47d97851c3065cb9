import type { UnreadSummary } from "@/lib/api/entities";
import { readStates } from "../channels/read-states";
import { db, queries } from "../db/client";
import { railCounts } from "../notifications/effective-setting";
import { notificationSettingsOf } from "../notifications/get-notification-settings";

/**
 * What the user has not read, for the rail's markers: every channel they can read with its unread
 * and mention counts (the channel list's rules) as far as its notification setting lets them
 * count (and the setting itself, which the client follows for live counts and greys a muted
 * channel by), and the conversations with unread messages from the peer (blocked users' left out, as in
 * the conversation list).
 */
export async function unreadSummary(userId: number): Promise<UnreadSummary> {
  const readable = (await queries.membershipRooms(userId)).flatMap((row) =>
    row.channel_id === null ? [] : [{ channel_id: row.channel_id, community_id: row.community_id }],
  );
  const [states, settingOf, blocked, unread] = await Promise.all([
    readStates(userId, readable.map((row) => row.channel_id)),
    notificationSettingsOf(userId),
    db.blockedUser.findMany({ where: { user_id: userId }, select: { blocked_user_id: true } }),
    db.directMessage.groupBy({ by: ["sender_id"], where: { receiver_id: userId, is_read: false }, _count: { _all: true } }),
  ]);
  const hidden = new Set(blocked.map((row) => row.blocked_user_id));
  return {
    channels: readable.map((row) => {
      const state = states.get(row.channel_id);
      const counts = { unread_count: state?.unread_count ?? 0, mention_count: state?.mention_count ?? 0 };
      const notification = settingOf(row.channel_id, row.community_id);
      return { ...row, ...railCounts(notification, counts), notification };
    }),
    direct_messages: unread.filter((row) => !hidden.has(row.sender_id)).map((row) => ({ user_id: row.sender_id, unread_count: row._count._all })),
  };
}
