import { db } from "../db/client";
import { notFound } from "../errors";
import { inviteInclude, toInvitePreview, usableInviteWhere } from "./serialize";

/**
 * What an invite leads to, for anyone holding the code (signed in or not): the code is the secret,
 * so a non-public community shows itself here. Unknown, expired, deleted and used-up codes answer alike.
 */
export async function previewInvite(code: string) {
  const invite = await db.invite.findFirst({
    where: { code, ...usableInviteWhere(new Date()) },
    include: { ...inviteInclude, community: { select: { id: true, name: true, icon: true, description: true, member_count: true } } },
  });
  if (!invite) throw notFound("Invite");
  return toInvitePreview(invite);
}
