import { requireInviteManager } from "../access";
import { recordAudit } from "../audit/record-audit";
import { db, transaction } from "../db/client";
import { notFound } from "../errors";

/** Its creator or a manager of the community deletes an invite (expired or not): the code stops working. */
export async function deleteInvite(userId: number, code: string) {
  const invite = await db.invite.findUnique({ where: { code }, select: { community_id: true, inviter_id: true, uses: true, max_uses: true } });
  if (!invite) throw notFound("Invite");
  await requireInviteManager(userId, invite);
  await transaction(async (tx) => {
    const { count } = await tx.invite.deleteMany({ where: { code } });
    if (count === 0) throw notFound("Invite");
    await recordAudit(tx, {
      communityId: invite.community_id, actorId: userId, action: "invite_delete", targetType: "invite", targetId: code,
      changes: { inviter_id: invite.inviter_id, uses: invite.uses, max_uses: invite.max_uses },
    });
  });
}
