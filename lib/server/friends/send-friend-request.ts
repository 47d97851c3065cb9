import type { FriendRequestInput } from "@/lib/validations/friends";
import { assertNotBot, isBlockedBetween } from "../access";
import { db, transaction } from "../db/client";
import { ApiError, notFound } from "../errors";
import { announceRequest } from "./announce";
import { pairKey } from "./find-request";
import { acceptInTransaction } from "./make-friends";
import { friendPair, requestInclude, toFriendRequest } from "./serialize";

const cannotFriend = () => new ApiError("cannot_friend_user", "You cannot send a friend request to this user", undefined, 403);

/**
 * Asks another user to be friends. If they had already asked the caller, that request is
 * accepted instead (200); otherwise a pending request is created (201).
 */
export async function sendFriendRequest(senderId: number, input: FriendRequestInput) {
  await assertNotBot(senderId, "send friend requests");
  const receiver = await db.user.findFirst({
    where: { ...(input.receiver_id !== undefined ? { id: input.receiver_id } : { username_lower: input.username!.toLowerCase() }), deleted_at: null },
    select: { id: true, is_bot: true },
  });
  if (!receiver) throw notFound("User");
  if (receiver.id === senderId) throw new ApiError("invalid_request", "You cannot send a friend request to yourself");
  if (receiver.is_bot) throw new ApiError("cannot_friend_user", "Bots do not take friend requests", undefined, 403);

  const outcome = await transaction(
    async (tx) => {
      // Inside the pair's exclusive transaction: a block committed just before is seen.
      if (await isBlockedBetween(senderId, receiver.id, tx)) throw cannotFriend();
      const friendship = await tx.friend.findUnique({ where: { user_id_1_user_id_2: friendPair(senderId, receiver.id) } });
      if (friendship) throw new ApiError("conflict", "You are already friends");
      const pending = await tx.friendRequest.findFirst({
        where: {
          status: "pending",
          OR: [{ sender_id: senderId, receiver_id: receiver.id }, { sender_id: receiver.id, receiver_id: senderId }],
        },
      });
      if (pending?.sender_id === senderId) throw new ApiError("conflict", "You already sent this user a friend request");
      if (pending) return { ...(await acceptInTransaction(tx, pending.id, senderId)), created: false };

      const request = toFriendRequest(await tx.friendRequest.create({ data: { sender_id: senderId, receiver_id: receiver.id }, include: requestInclude }));
      return { request, friend: null, created: true, announce: () => announceRequest(request) };
    },
    { exclusive: pairKey(senderId, receiver.id) },
  );
  const { announce, ...result } = outcome;
  announce();
  return result;
}
