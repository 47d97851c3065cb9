import type { Pagination } from "@/lib/validations/common";
import { requireMember } from "../access";
import { db } from "../db/client";
import type { CommunityRole } from "../db/generated/client";
import { presenceViewOf } from "../users/presence-view";
import { memberInclude, toCommunityMember } from "./serialize";

const ROLES_IN_ORDER: CommunityRole[] = ["owner", "admin", "member"];

/**
 * Members only. The owner, then admins, then members, each by join order. Paged role by role
 * because enum sort order differs between SQLite (text) and PostgreSQL (declaration order).
 */
export async function listMembers(userId: number, communityId: number, page: Pagination) {
  await requireMember(userId, communityId);
  let skip = page.offset;
  let take = page.limit;
  const rows = [];
  for (const role of ROLES_IN_ORDER) {
    if (take === 0) break;
    const where = { community_id: communityId, role };
    const count = await db.communityMember.count({ where });
    if (skip >= count) {
      skip -= count;
      continue;
    }
    const found = await db.communityMember.findMany({ where, include: memberInclude, orderBy: { id: "asc" }, skip, take });
    rows.push(...found);
    skip = 0;
    take -= found.length;
  }
  const view = await presenceViewOf(userId);
  return rows.map((row) => view(toCommunityMember(row)));
}
