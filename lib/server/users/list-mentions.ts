import type { MentionsQuery } from "@/lib/validations/notifications";
import { db, queries } from "../db/client";
import { EVERYONE } from "../messages/mentions";
import { messageInclude, toMessage } from "../messages/serialize";

/**
 * The caller's recent mentions, newest first: messages that mention them or everyone, in the
 * channels they can read now (a private channel or community they left is gone from it), not
 * their own, not from users they blocked.
 */
export async function listMentions(userId: number, query: MentionsQuery) {
  const [rooms, blocked] = await Promise.all([
    queries.membershipRooms(userId),
    db.blockedUser.findMany({ where: { user_id: userId }, select: { blocked_user_id: true } }),
  ]);
  const readable = rooms.flatMap((row) => (row.channel_id === null ? [] : [row.channel_id]));
  if (readable.length === 0) return [];
  // A message that mentions both the caller and everyone has two rows: twice the page holds a page of messages.
  const rows = await db.messageMention.findMany({
    where: {
      channel_id: { in: readable },
      user_id: { in: [userId, EVERYONE] },
      ...(query.before !== undefined && { message_id: { lt: query.before } }),
      message: { sender_id: { notIn: [userId, ...blocked.map((row) => row.blocked_user_id)] } },
    },
    orderBy: { message_id: "desc" },
    take: query.limit * 2,
    select: { message_id: true },
  });
  const ids = [...new Set(rows.map((row) => row.message_id))].slice(0, query.limit);
  const messages = await db.message.findMany({ where: { id: { in: ids } }, orderBy: { id: "desc" }, include: messageInclude });
  return messages.map((row) => toMessage(row, userId));
}
