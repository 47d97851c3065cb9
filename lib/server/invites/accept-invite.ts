import { announceMemberAdded } from "../communities/announce-membership";
import { insertMembership, membershipKey } from "../communities/join-community";
import { toCommunity } from "../communities/serialize";
import { transaction } from "../db/client";
import { notFound } from "../errors";
import { usableInviteWhere } from "./serialize";

/**
 * Joins the invite's community (public or not) and uses the invite up by one. The use is taken by
 * one conditional UPDATE in the transaction that adds the membership: of several people racing
 * for the last use, one gets it and the others find the invite used up; a refused join (already a
 * member: 409, banned: 403) rolls the use back.
 */
export async function acceptInvite(userId: number, code: string) {
  const { community } = await transaction(
    async (tx) => {
      const invite = await tx.invite.findUnique({ where: { code }, select: { community_id: true } });
      if (!invite) throw notFound("Invite");
      const { count } = await tx.invite.updateMany({ where: { code, ...usableInviteWhere(new Date()) }, data: { uses: { increment: 1 } } });
      if (count === 0) throw notFound("Invite");
      return insertMembership(tx, userId, invite.community_id, "invite");
    },
    { exclusive: membershipKey(userId) },
  );
  await announceMemberAdded(community.id, userId);
  return toCommunity(community, "member");
}
