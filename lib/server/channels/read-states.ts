import { queries, type Tx } from "../db/client";
import type { ReadState } from "./serialize";

/**
 * For each channel: its newest message id, how many messages from others the user has not read
 * (those after their read position) and how many of those mention them. One query, whatever the
 * number of channels.
 */
export async function readStates(userId: number, channelIds: number[]): Promise<Map<number, ReadState>> {
  if (channelIds.length === 0) return new Map();
  const rows = await queries.channelReadStates(userId, channelIds);
  return new Map(
    rows.map((row) => [row.channel_id, { last_message_id: row.last_message_id, unread_count: row.unread_count, mention_count: row.mention_count }]),
  );
}

/**
 * Marks everything already in these channels as read for the user: a new member starts with a
 * clean slate instead of the whole history unread.
 */
export async function startReadStatesAtLatest(tx: Tx, userId: number, channelIds: number[]): Promise<void> {
  if (channelIds.length === 0) return;
  const latest = await tx.message.groupBy({ by: ["channel_id"], where: { channel_id: { in: channelIds } }, _max: { id: true } });
  const latestByChannel = new Map(latest.map((row) => [row.channel_id, row._max.id ?? 0]));
  await tx.channelReadState.deleteMany({ where: { user_id: userId, channel_id: { in: channelIds } } });
  await tx.channelReadState.createMany({
    data: channelIds.map((channelId) => ({ user_id: userId, channel_id: channelId, last_read_message_id: latestByChannel.get(channelId) ?? 0 })),
  });
}
