import type { Tx } from "../db/client";
import { publicUserSelect } from "../users/serialize";
import { friendPair, requestInclude, toFriend, toFriendRequest } from "./serialize";

/** Accepts a pending request inside a transaction and records the friendship. */
export async function acceptInTransaction(tx: Tx, requestId: number, receiverId: number) {
  const request = await tx.friendRequest.update({ where: { id: requestId }, data: { status: "accepted" }, include: requestInclude });
  const friendship = await tx.friend.upsert({
    where: { user_id_1_user_id_2: friendPair(request.sender_id, request.receiver_id) },
    create: friendPair(request.sender_id, request.receiver_id),
    update: {},
  });
  const newFriend = await tx.user.findUniqueOrThrow({ where: { id: request.sender_id === receiverId ? request.receiver_id : request.sender_id }, select: publicUserSelect });
  return { request: toFriendRequest(request), friend: toFriend(newFriend, friendship.created_at) };
}
