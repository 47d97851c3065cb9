import { rolesWith } from "@/lib/permissions";
import { requireChannelAccess } from "../access";
import { listMembers } from "../communities/list-members";
import { memberInclude, toCommunityMember } from "../communities/serialize";
import { db } from "../db/client";
import { presenceViewOf } from "../users/presence-view";

/** Who can read the channel: every community member, or for a private one its members plus owner and admins. */
export async function listChannelMembers(userId: number, channelId: number, page: { limit: number; offset: number }) {
  const { channel } = await requireChannelAccess(userId, channelId);
  if (channel.type !== "private") return listMembers(userId, channel.community_id, page);
  const rows = await db.communityMember.findMany({
    where: {
      community_id: channel.community_id,
      OR: [{ role: { in: [...rolesWith("readPrivateChannels")] } }, { user: { channel_memberships: { some: { channel_id: channelId } } } }],
    },
    include: memberInclude,
    orderBy: { id: "asc" },
    skip: page.offset,
    take: page.limit,
  });
  const view = await presenceViewOf(userId);
  return rows.map((row) => view(toCommunityMember(row)));
}
