import { requireActiveUser } from "../access";
import { transaction } from "../db/client";
import { ApiError } from "../errors";
import { announcePresenceBetween } from "../realtime/presence";
import { announceBlockChange, announceRequest, announceUnfriended } from "./announce";
import { pairKey } from "./find-request";
import { friendPair, requestInclude, toBlockedUser, toFriendRequest } from "./serialize";

/** Blocking ends any friendship and withdraws pending requests in both directions. */
export async function blockUser(userId: number, targetId: number) {
  if (targetId === userId) throw new ApiError("invalid_request", "You cannot block yourself");
  const target = await requireActiveUser(targetId);
  const { block, unfriended, cancelled } = await transaction(
    async (tx) => {
      const existing = await tx.blockedUser.findUnique({ where: { user_id_blocked_user_id: { user_id: userId, blocked_user_id: targetId } } });
      if (existing) throw new ApiError("conflict", "You have already blocked this user");
      const { count } = await tx.friend.deleteMany({ where: friendPair(userId, targetId) });
      const between = { status: "pending" as const, OR: [{ sender_id: userId, receiver_id: targetId }, { sender_id: targetId, receiver_id: userId }] };
      const pending = await tx.friendRequest.findMany({ where: between, include: requestInclude });
      await tx.friendRequest.updateMany({ where: { id: { in: pending.map((r) => r.id) } }, data: { status: "cancelled" } });
      return {
        block: await tx.blockedUser.create({ data: { user_id: userId, blocked_user_id: targetId } }),
        unfriended: count > 0,
        cancelled: pending.map((row) => toFriendRequest({ ...row, status: "cancelled" })),
      };
    },
    { exclusive: pairKey(userId, targetId) },
  );
  if (unfriended) announceUnfriended(userId, targetId);
  cancelled.forEach(announceRequest);
  await Promise.all([announcePresenceBetween(userId, targetId), announceBlockChange(userId, targetId)]);
  return toBlockedUser(target, block.created_at);
}
