import { db } from "../db/client";
import { publicUserSelect, toPublicUser } from "./serialize";

const MAX_RESULTS = 20;

/**
 * Case-insensitive substring search on username and display name; names that start with the
 * query come first. The caller and users who blocked the caller are left out.
 */
export async function searchUsers(userId: number, query: string) {
  const needle = query.toLowerCase();
  const candidates = await db.user.findMany({
    where: {
      id: { not: userId },
      blocks: { none: { blocked_user_id: userId } },
      OR: [{ username_lower: { contains: needle } }, { display_name: { contains: query } }],
    },
    select: publicUserSelect,
    orderBy: { username_lower: "asc" },
    take: MAX_RESULTS * 5,
  });
  const startsWith = (user: (typeof candidates)[number]) =>
    user.username.toLowerCase().startsWith(needle) || (user.display_name ?? "").toLowerCase().startsWith(needle);
  return candidates
    .map((user) => ({ user, rank: startsWith(user) ? 0 : 1 }))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_RESULTS)
    .map(({ user }) => toPublicUser(user));
}
