import type { AddMemberInput } from "@/lib/validations/communities";
import { requirePermission } from "../access";
import { recordAudit } from "../audit/record-audit";
import { db, transaction } from "../db/client";
import { notFound } from "../errors";
import { insertMembership, membershipKey } from "./join-community";
import { presenceViewOf } from "../users/presence-view";
import { announceMemberAdded } from "./announce-membership";

/** An owner or admin adds a user (by id or username) to the community; a banned user cannot be added (403 banned). */
export async function addMember(userId: number, input: AddMemberInput) {
  const communityId = input.community_id;
  await requirePermission(userId, communityId, "addMembers", "add members");
  const target = await db.user.findFirst({
    // A webhook's author row is nobody to add.
    where: { ...(input.user_id !== undefined ? { id: input.user_id } : { username_lower: input.username!.toLowerCase() }), deleted_at: null, webhook: { is: null } },
    select: { id: true },
  });
  if (!target) throw notFound("User");
  await transaction(
    async (tx) => {
      await insertMembership(tx, target.id, communityId, "add");
      await recordAudit(tx, { communityId, actorId: userId, action: "member_add", targetType: "user", targetId: target.id });
    },
    { exclusive: membershipKey(target.id) },
  );
  const member = await announceMemberAdded(communityId, target.id);
  return (await presenceViewOf(userId))(member);
}
