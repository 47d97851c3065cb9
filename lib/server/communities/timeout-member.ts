import { assertOutranks, requirePermission } from "../access";
import { recordAudit } from "../audit/record-audit";
import { db, transaction } from "../db/client";
import { ApiError, notFound } from "../errors";
import { emitShowingPresence } from "../realtime/presence";
import { removeFromCommunityVoice } from "../realtime/voice";
import { communityRoom } from "../realtime/rooms";
import { presenceViewOf } from "../users/presence-view";
import { memberInclude, toCommunityMember } from "./serialize";

export interface TimeoutMemberOptions {
  actorId: number;
  communityId: number;
  targetId: number;
  /** null ends a timeout. */
  until: Date | null;
  reason?: string;
}

/**
 * Times a member out (they read but cannot send, edit, react or type until `until`), or ends it.
 * The same hierarchy as kick: the owner over anyone but themselves, admins over plain members.
 */
export async function timeoutMember({ actorId, communityId, targetId, until, reason }: TimeoutMemberOptions) {
  const actor = await requirePermission(actorId, communityId, "moderateMembers", "time out members");
  if (targetId === actorId) throw new ApiError("invalid_request", "You cannot time yourself out");
  const target = await db.communityMember.findUnique({ where: { community_id_user_id: { community_id: communityId, user_id: targetId } } });
  if (!target) throw notFound("Member");
  assertOutranks(actor.role, target.role, "time out");

  const updated = await transaction(async (tx) => {
    const row = await tx.communityMember.update({ where: { id: target.id }, data: { timeout_until: until }, include: memberInclude });
    await recordAudit(tx, {
      communityId,
      actorId,
      action: "member_timeout",
      targetType: "user",
      targetId,
      reason,
      changes: { timeout_until: { old: target.timeout_until?.toISOString() ?? null, new: until?.toISOString() ?? null } },
    });
    return toCommunityMember(row);
  });
  // Every member's client learns it (the timed-out member's composer turns off until then).
  await emitShowingPresence([communityRoom(communityId)], "community_member_updated", targetId, { community_id: communityId, user: updated });
  if (until && until.getTime() > Date.now()) await removeFromCommunityVoice(targetId, communityId);
  return (await presenceViewOf(actorId))(updated);
}
