import type { Conversation } from "@/lib/api/entities";
import type { Pagination } from "@/lib/validations/common";
import { db, queries } from "../db/client";
import { presenceViewOf } from "../users/presence-view";
import { publicUserSelect, toPublicUser } from "../users/serialize";
import { directMessageInclude, toDirectMessage } from "./serialize";

/**
 * The caller's conversations, most recent first: the peer, the last message and how many of the
 * peer's messages are unread. Conversations with users the caller blocked are left out.
 */
export async function listConversations(userId: number, page: Pagination): Promise<Conversation[]> {
  const latest = await queries.conversationHeads(userId, page);
  if (latest.length === 0) return [];

  const peerIds = latest.map((row) => row.peer_id);
  const [messages, peers, unread, view] = await Promise.all([
    db.directMessage.findMany({ where: { id: { in: latest.map((row) => row.last_id) } }, include: directMessageInclude }),
    db.user.findMany({ where: { id: { in: peerIds } }, select: publicUserSelect }),
    db.directMessage.groupBy({
      by: ["sender_id"],
      where: { receiver_id: userId, is_read: false, sender_id: { in: peerIds } },
      _count: { _all: true },
    }),
    presenceViewOf(userId),
  ]);
  const messageById = new Map(messages.map((message) => [message.id, message]));
  const peerById = new Map(peers.map((peer) => [peer.id, peer]));
  const unreadByPeer = new Map(unread.map((row) => [row.sender_id, row._count._all]));
  return latest.map((row) => ({
    user: view(toPublicUser(peerById.get(row.peer_id)!)),
    last_message: toDirectMessage(messageById.get(row.last_id)!, userId),
    unread_count: unreadByPeer.get(row.peer_id) ?? 0,
  }));
}
