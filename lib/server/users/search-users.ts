import { db } from "../db/client";
import { publicUserSelect, toPublicUser } from "./serialize";

const MAX_RESULTS = 20;

/**
 * Case-insensitive search on username and display name: names that start with the query first,
 * then names that contain it, each alphabetically; at most 20. The caller and users who blocked
 * the caller are left out.
 */
export async function searchUsers(userId: number, query: string) {
  const needle = query.toLowerCase();
  const visible = { id: { not: userId }, blocks: { none: { blocked_user_id: userId } } };
  const prefixed = await db.user.findMany({
    where: { ...visible, OR: [{ username_lower: { startsWith: needle } }, { display_name: { startsWith: query } }] },
    select: publicUserSelect,
    orderBy: { username_lower: "asc" },
    take: MAX_RESULTS,
  });
  const containing =
    prefixed.length < MAX_RESULTS
      ? await db.user.findMany({
          where: {
            ...visible,
            id: { notIn: [userId, ...prefixed.map((user) => user.id)] },
            OR: [{ username_lower: { contains: needle } }, { display_name: { contains: query } }],
          },
          select: publicUserSelect,
          orderBy: { username_lower: "asc" },
          take: MAX_RESULTS - prefixed.length,
        })
      : [];
  return [...prefixed, ...containing].map(toPublicUser);
}
