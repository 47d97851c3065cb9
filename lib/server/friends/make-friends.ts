import type { Tx } from "../db/client";
import { publicUserSelect } from "../users/serialize";
import { announceFriendship, announceRequest } from "./announce";
import { friendPair, requestInclude, toFriend, toFriendRequest } from "./serialize";

/**
 * Accepts a pending request inside a transaction and records the friendship. Returns the result
 * for `actingUserId` and an `announce` to call once the transaction has committed.
 */
export async function acceptInTransaction(tx: Tx, requestId: number, actingUserId: number) {
  const row = await tx.friendRequest.update({ where: { id: requestId }, data: { status: "accepted" }, include: requestInclude });
  const request = toFriendRequest(row);
  const friendship = await tx.friend.upsert({
    where: { user_id_1_user_id_2: friendPair(row.sender_id, row.receiver_id) },
    create: friendPair(row.sender_id, row.receiver_id),
    update: {},
  });
  const [sender, receiver] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: row.sender_id }, select: publicUserSelect }),
    tx.user.findUniqueOrThrow({ where: { id: row.receiver_id }, select: publicUserSelect }),
  ]);
  const senderAsFriend = toFriend(sender, friendship.created_at);
  const receiverAsFriend = toFriend(receiver, friendship.created_at);
  return {
    request,
    friend: actingUserId === row.receiver_id ? senderAsFriend : receiverAsFriend,
    announce: () => {
      announceRequest(request);
      announceFriendship(request, senderAsFriend, receiverAsFriend);
    },
  };
}
