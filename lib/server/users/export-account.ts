import type { AccountExport } from "@/lib/api/entities";
import { communityInclude, toCommunity } from "../communities/serialize";
import { db } from "../db/client";
import type { User } from "../db/generated/client";
import { directMessageInclude, toDirectMessage } from "../direct-messages/serialize";
import { listBlockedUsers } from "../friends/list-blocked-users";
import { listFriends } from "../friends/list-friends";
import { requestInclude, toFriendRequest } from "../friends/serialize";
import { messageInclude, toMessage } from "../messages/serialize";
import { toSelfUser } from "./serialize";

/** Each message list stops here (newest kept), so that one download stays a few megabytes at most. */
export const EXPORT_MESSAGE_CAP = 10_000;

/** The signed-in user's own data (GET /api/users/me/export). */
export async function exportAccount(user: User): Promise<AccountExport> {
  const [memberships, friends, blocked, sentRequests, messages, directMessages] = await Promise.all([
    db.communityMember.findMany({ where: { user_id: user.id }, include: { community: { include: communityInclude } }, orderBy: { id: "asc" } }),
    listFriends(user.id),
    listBlockedUsers(user.id),
    db.friendRequest.findMany({ where: { sender_id: user.id }, include: requestInclude, orderBy: { id: "desc" } }),
    db.message.findMany({ where: { sender_id: user.id }, orderBy: { id: "desc" }, take: EXPORT_MESSAGE_CAP + 1, include: messageInclude }),
    db.directMessage.findMany({
      where: { OR: [{ sender_id: user.id }, { receiver_id: user.id }] },
      orderBy: { id: "desc" },
      take: EXPORT_MESSAGE_CAP + 1,
      include: directMessageInclude,
    }),
  ]);
  return {
    exported_at: new Date().toISOString(),
    user: toSelfUser(user),
    communities: memberships.map((m) => toCommunity(m.community, m.role)),
    friends,
    blocked_users: blocked,
    sent_friend_requests: sentRequests.map(toFriendRequest),
    messages: messages.slice(0, EXPORT_MESSAGE_CAP).map((row) => toMessage(row, user.id)),
    direct_messages: directMessages.slice(0, EXPORT_MESSAGE_CAP).map((row) => toDirectMessage(row, user.id)),
    truncated: { messages: messages.length > EXPORT_MESSAGE_CAP, direct_messages: directMessages.length > EXPORT_MESSAGE_CAP },
  };
}
