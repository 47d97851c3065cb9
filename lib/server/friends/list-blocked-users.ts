import { db } from "../db/client";
import { toBlockedUser } from "./serialize";

export async function listBlockedUsers(userId: number) {
  const rows = await db.blockedUser.findMany({
    where: { user_id: userId },
    include: { blocked: { select: { id: true, username: true, display_name: true, avatar_url: true } } },
    orderBy: { id: "desc" },
  });
  return rows.map((row) => toBlockedUser(row.blocked, row.created_at));
}
