import type { CommunityBan as CommunityBanDto } from "@/lib/api/entities";
import type { CommunityBan } from "../db/generated/client";
import { iso, toUserIdentity, userIdentitySelect } from "../users/serialize";

export const banInclude = { user: { select: userIdentitySelect } } as const;

export function toCommunityBan(row: CommunityBan & { user: Parameters<typeof toUserIdentity>[0] }): CommunityBanDto {
  return { user: toUserIdentity(row.user), reason: row.reason, created_at: iso(row.created_at) };
}
