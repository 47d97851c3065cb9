import { db } from "../db/client";
import { notFound } from "../errors";
import { announceUnfriended } from "./announce";
import { friendPair } from "./serialize";

/** Ends a friendship for both sides. */
export async function removeFriend(userId: number, friendId: number) {
  const { count } = await db.friend.deleteMany({ where: friendPair(userId, friendId) });
  if (count === 0) throw notFound("Friend");
  announceUnfriended(userId, friendId);
  return { ok: true as const };
}
