import { db } from "../db/client";
import type { User } from "../db/generated/client";
import { postSystemMessage } from "../messages/post-system-message";

/**
 * "alice joined the community." in the community's first text channel (lowest position, then
 * lowest id; never a private one), sent as the newcomer. A community without a text channel gets none.
 */
export async function postJoinMessage(communityId: number, user: Pick<User, "id" | "username" | "avatar_url">): Promise<void> {
  const channel = await db.channel.findFirst({
    where: { community_id: communityId, type: "text" },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  if (channel) await postSystemMessage(channel.id, user, `${user.username} joined the community.`);
}
