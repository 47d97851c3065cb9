import { db } from "../db/client";
import { notFound } from "../errors";
import { friendPair } from "./serialize";

/** Ends a friendship for both sides. */
export async function removeFriend(userId: number, friendId: number) {
  const { count } = await db.friend.deleteMany({ where: friendPair(userId, friendId) });
  if (count === 0) throw notFound("Friend");
  return { ok: true as const };
}
