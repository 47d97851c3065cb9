import type { Community as CommunityDto, CommunityMember as CommunityMemberDto } from "@/lib/api/entities";
import type { Community, CommunityMember, CommunityRole, User } from "../db/generated/client";
import { iso, publicUserSelect, toPublicUser, toUserSummary } from "../users/serialize";

export const communityInclude = { creator: { select: { username: true, display_name: true, avatar_url: true } } } as const;

type CommunityRow = Community & { creator: Pick<User, "username" | "display_name" | "avatar_url"> };

export function toCommunity(row: CommunityRow, role: CommunityRole | null): CommunityDto {
  return {
    id: row.id,
    name: row.name,
    icon: row.icon,
    color: row.color,
    banner_url: row.banner_url,
    description: row.description,
    display_name: row.display_name,
    bio: row.bio,
    role,
    member_count: row.member_count,
    is_public: row.is_public,
    created_at: iso(row.created_at),
    creator_id: row.creator_id,
    creator: toUserSummary(row.creator),
  };
}

export const memberInclude = { user: { select: publicUserSelect } } as const;

type MemberRow = CommunityMember & { user: Parameters<typeof toPublicUser>[0] };

export function toCommunityMember(row: MemberRow): CommunityMemberDto {
  return { ...toPublicUser(row.user), role: row.role, joined_at: iso(row.joined_at), timeout_until: row.timeout_until ? iso(row.timeout_until) : null };
}

