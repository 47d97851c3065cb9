import { db } from "../db/client";
import { publicUserSelect } from "../users/serialize";
import { toFriend } from "./serialize";

/**
 * The caller's friends, online ones first, then by name. Their presence is shown as it is: a block
 * ends the friendship and no request crosses one, so no friend is across a block.
 */
export async function listFriends(userId: number) {
  const rows = await db.friend.findMany({
    where: { OR: [{ user_id_1: userId }, { user_id_2: userId }] },
    include: { first: { select: publicUserSelect }, second: { select: publicUserSelect } },
  });
  const friends = rows.map((row) => toFriend(row.user_id_1 === userId ? row.second : row.first, row.created_at));
  const offline = (status: string) => (status === "offline" ? 1 : 0);
  return friends.sort((a, b) => offline(a.status) - offline(b.status) || a.display_name.localeCompare(b.display_name));
}
