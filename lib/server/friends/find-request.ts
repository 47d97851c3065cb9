import { db, type Tx } from "../db/client";
import type { FriendRequest } from "../db/generated/client";
import { forbidden } from "../access";
import { ApiError, notFound } from "../errors";

/**
 * A pending request that `userId` may act on as `side`. Requests between other people do not
 * exist for the caller (404); acting on the wrong side of one's own request is 403.
 */
export async function findPendingRequest(tx: Tx, requestId: number, userId: number, side: "receiver" | "sender"): Promise<FriendRequest> {
  const request = await tx.friendRequest.findUnique({ where: { id: requestId } });
  if (!request || (request.sender_id !== userId && request.receiver_id !== userId)) throw notFound("Friend request");
  const own = side === "receiver" ? request.receiver_id === userId : request.sender_id === userId;
  if (!own) {
    throw forbidden(side === "receiver" ? "Only the receiver can answer a friend request" : "Only the sender can cancel a friend request");
  }
  if (request.status !== "pending") throw new ApiError("conflict", `This friend request is already ${request.status}`);
  return request;
}

/**
 * The `exclusive` key of transactions about one pair of users (their requests, friendship and
 * block): two of them never run at once, so neither can act on what the other is changing.
 */
export const pairKey = (a: number, b: number) => `users:${Math.min(a, b)}:${Math.max(a, b)}`;

/** The pair key of a friend request, read before its transaction; a missing one shares no key. */
export async function requestPairKey(requestId: number): Promise<string> {
  const request = await db.friendRequest.findUnique({ where: { id: requestId }, select: { sender_id: true, receiver_id: true } });
  return request ? pairKey(request.sender_id, request.receiver_id) : `friend-request:${requestId}`;
}
