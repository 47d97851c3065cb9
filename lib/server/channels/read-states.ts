import { db, type Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { ReadState } from "./serialize";

/**
 * For each channel: its newest message id and how many messages from others the user has not
 * read (those after their read position). One query, whatever the number of channels.
 */
export async function readStates(userId: number, channelIds: number[]): Promise<Map<number, ReadState>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ channel_id: number | bigint; last_message_id: number | bigint | null; unread_count: number | bigint }[]>`
    SELECT c.id AS channel_id,
      (SELECT MAX(m.id) FROM messages m WHERE m.channel_id = c.id) AS last_message_id,
      (SELECT COUNT(*) FROM messages m
        WHERE m.channel_id = c.id AND m.sender_id <> ${userId}
          AND m.id > COALESCE((SELECT rs.last_read_message_id FROM channel_read_states rs
                               WHERE rs.user_id = ${userId} AND rs.channel_id = c.id), 0)) AS unread_count
    FROM channels c
    WHERE c.id IN (${Prisma.join(channelIds)})`;
  return new Map(
    rows.map((row) => [
      Number(row.channel_id),
      { last_message_id: row.last_message_id === null ? null : Number(row.last_message_id), unread_count: Number(row.unread_count) },
    ]),
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
