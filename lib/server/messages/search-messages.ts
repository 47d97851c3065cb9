import type { MessageSearchQuery } from "@/lib/validations/messages";
import { requireChannelAccess } from "../access";
import { db, queries } from "../db/client";
import { notFound } from "../errors";
import { inRankOrder, rankedPage } from "./search";
import { messageInclude, toMessage } from "./serialize";

/**
 * The channels a search looks in: the one asked for, the caller's readable channels of the
 * community asked for, or all of them. A channel or community the caller cannot read answers the
 * 404 a missing one does.
 */
async function searchedChannels(userId: number, query: MessageSearchQuery): Promise<number[]> {
  if (query.channel_id !== undefined) {
    const { channel } = await requireChannelAccess(userId, query.channel_id);
    return query.community_id === undefined || channel.community_id === query.community_id ? [channel.id] : [];
  }
  const rooms = await queries.membershipRooms(userId);
  if (query.community_id !== undefined && !rooms.some((room) => room.community_id === query.community_id)) throw notFound("Community");
  return rooms.flatMap((room) => (room.channel_id !== null && (query.community_id === undefined || room.community_id === query.community_id) ? [room.channel_id] : []));
}

/** Full-text search of the channel messages the caller can read now, best match first. */
export async function searchMessages(userId: number, query: MessageSearchQuery) {
  const channelIds = await searchedChannels(userId, query);
  const page = await rankedPage(userId, { channelIds }, query);
  const rows = await db.message.findMany({ where: { id: { in: page.ids } }, include: messageInclude });
  return { total: page.total, messages: inRankOrder(page, rows, (row) => toMessage(row, userId)) };
}
