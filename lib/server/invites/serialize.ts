import type { Invite as InviteDto, InvitePreview } from "@/lib/api/entities";
import type { Community, Invite, Prisma, User } from "../db/generated/client";
import { db } from "../db/client";
import { iso, isoOrNull, toUserSummary } from "../users/serialize";

const summarySelect = { username: true, display_name: true, avatar_url: true } as const;
export const inviteInclude = { inviter: { select: summarySelect } } as const;

type Inviter = Pick<User, "username" | "display_name" | "avatar_url"> | null;
type InviteRow = Invite & { inviter: Inviter };

export function toInvite(row: InviteRow): InviteDto {
  return {
    code: row.code,
    community_id: row.community_id,
    inviter: row.inviter && toUserSummary(row.inviter),
    uses: row.uses,
    max_uses: row.max_uses,
    expires_at: isoOrNull(row.expires_at),
    created_at: iso(row.created_at),
  };
}

type PreviewRow = InviteRow & { community: Pick<Community, "id" | "name" | "icon" | "description" | "member_count"> };

export function toInvitePreview(row: PreviewRow): InvitePreview {
  const { id, name, icon, description, member_count } = row.community;
  return {
    code: row.code,
    community: { id, name, icon, description, member_count },
    inviter: row.inviter && toUserSummary(row.inviter),
    expires_at: isoOrNull(row.expires_at),
  };
}

/** Invites that still let someone in at `now`: not expired, not used up. */
export function usableInviteWhere(now: Date): Prisma.InviteWhereInput {
  return {
    AND: [
      { OR: [{ expires_at: null }, { expires_at: { gt: now } }] },
      { OR: [{ max_uses: 0 }, { uses: { lt: db.invite.fields.max_uses } }] },
    ],
  };
}
