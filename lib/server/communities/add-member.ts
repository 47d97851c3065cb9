import type { AddMemberInput } from "@/lib/validations/communities";
import { requireManager } from "../access";
import { db } from "../db/client";
import { notFound } from "../errors";
import { addMembership } from "./join-community";
import { presenceViewOf } from "../users/presence-view";
import { announceMemberAdded } from "./announce-membership";

/** An owner or admin adds a user (by id or username) to the community. */
export async function addMember(userId: number, input: AddMemberInput) {
  await requireManager(userId, input.community_id, "add members");
  const target = await db.user.findFirst({
    where: { ...(input.user_id !== undefined ? { id: input.user_id } : { username_lower: input.username!.toLowerCase() }), deleted_at: null },
    select: { id: true },
  });
  if (!target) throw notFound("User");
  await addMembership(target.id, input.community_id);
  const member = await announceMemberAdded(input.community_id, target.id);
  return (await presenceViewOf(userId))(member);
}
