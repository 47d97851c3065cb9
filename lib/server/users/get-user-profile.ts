import type { UserProfile } from "@/lib/api/entities";
import { blockBetween } from "../access";
import { db } from "../db/client";
import { notFound } from "../errors";
import { friendPair } from "../friends/serialize";
import { presenceViewOf } from "./presence-view";
import { publicUserSelect, toPublicUser } from "./serialize";

type Relationship = UserProfile["relationship"];

async function relationshipBetween(viewerId: number, userId: number): Promise<Relationship> {
  if (viewerId === userId) return "self";
  const [block, friendship, request] = await Promise.all([
    blockBetween(viewerId, userId),
    db.friend.findUnique({ where: { user_id_1_user_id_2: friendPair(viewerId, userId) }, select: { id: true } }),
    db.friendRequest.findFirst({
      where: { status: "pending", OR: [{ sender_id: viewerId, receiver_id: userId }, { sender_id: userId, receiver_id: viewerId }] },
      select: { sender_id: true },
    }),
  ]);
  if (block) return block;
  if (friendship) return "friend";
  if (request) return request.sender_id === viewerId ? "outgoing_request" : "incoming_request";
  return "none";
}

/** A deleted account stays visible, anonymised ("Deleted User", offline), as messages still name it. */
export async function getUserProfile(viewerId: number, userId: number): Promise<UserProfile> {
  const user = await db.user.findUnique({ where: { id: userId }, select: publicUserSelect });
  if (!user) throw notFound("User");
  const [view, relationship] = await Promise.all([presenceViewOf(viewerId), relationshipBetween(viewerId, userId)]);
  return { ...view(toPublicUser(user)), relationship };
}
