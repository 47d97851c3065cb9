import { requireUser } from "../access";
import { transaction } from "../db/client";
import { ApiError } from "../errors";
import { friendPair, toBlockedUser } from "./serialize";

/** Blocking ends any friendship and withdraws pending requests in both directions. */
export async function blockUser(userId: number, targetId: number) {
  if (targetId === userId) throw new ApiError("invalid_request", "You cannot block yourself");
  const target = await requireUser(targetId);
  const block = await transaction(async (tx) => {
    const existing = await tx.blockedUser.findUnique({ where: { user_id_blocked_user_id: { user_id: userId, blocked_user_id: targetId } } });
    if (existing) throw new ApiError("conflict", "You have already blocked this user");
    await tx.friend.deleteMany({ where: friendPair(userId, targetId) });
    await tx.friendRequest.updateMany({
      where: { status: "pending", OR: [{ sender_id: userId, receiver_id: targetId }, { sender_id: targetId, receiver_id: userId }] },
      data: { status: "cancelled" },
    });
    return tx.blockedUser.create({ data: { user_id: userId, blocked_user_id: targetId } });
  });
  return toBlockedUser(target, block.created_at);
}
