import { db } from "../db/client";
import { notFound } from "../errors";
import { announcePresenceBetween } from "../realtime/presence";
import { announceBlockChange } from "./announce";

/** Lifts a block; friendships and requests it ended stay ended. */
export async function unblockUser(userId: number, targetId: number) {
  const { count } = await db.blockedUser.deleteMany({ where: { user_id: userId, blocked_user_id: targetId } });
  if (count === 0) throw notFound("Blocked user");
  await Promise.all([announcePresenceBetween(userId, targetId), announceBlockChange(userId, targetId)]);
  return { ok: true as const };
}
