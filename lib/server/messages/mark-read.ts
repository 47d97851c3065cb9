import type { MarkReadInput } from "@/lib/validations/messages";
import { requireChannelAccess, requireUser } from "../access";
import { readStates } from "../channels/read-states";
import { db, transaction } from "../db/client";
import { notFound } from "../errors";
import { emitTo } from "../realtime/emit";
import { userRoom } from "../realtime/rooms";

/** Moves the caller's read position in a channel forward (never back) to a message or the newest. */
async function markChannelRead(userId: number, channelId: number, messageId?: number) {
  await requireChannelAccess(userId, channelId);
  let target: number;
  if (messageId !== undefined) {
    const message = await db.message.findUnique({ where: { id: messageId }, select: { channel_id: true } });
    if (message?.channel_id !== channelId) throw notFound("Message");
    target = messageId;
  } else {
    const newest = await db.message.aggregate({ where: { channel_id: channelId }, _max: { id: true } });
    target = newest._max.id ?? 0;
  }
  // Exclusive per reader and channel: two marks at once must not move the position back.
  const position = await transaction(
    async (tx) => {
      const key = { user_id_channel_id: { user_id: userId, channel_id: channelId } };
      const current = await tx.channelReadState.findUnique({ where: key });
      if (current && current.last_read_message_id >= target) return current.last_read_message_id;
      await tx.channelReadState.upsert({
        where: key,
        create: { user_id: userId, channel_id: channelId, last_read_message_id: target },
        update: { last_read_message_id: target },
      });
      return target;
    },
    { exclusive: `read:${userId}:${channelId}` },
  );
  emitTo(userRoom(userId), "message_read", { channel_id: channelId, message_id: position });
  const state = (await readStates(userId, [channelId])).get(channelId);
  return { channel_id: channelId, last_read_message_id: position, unread_count: state?.unread_count ?? 0 };
}

/** Marks every DM the peer sent the caller as read. */
async function markConversationRead(userId: number, peerId: number) {
  await requireUser(peerId);
  const unread = { sender_id: peerId, receiver_id: userId, is_read: false };
  const newest = await db.directMessage.aggregate({ where: unread, _max: { id: true } });
  const { count } = await db.directMessage.updateMany({ where: { ...unread, id: { lte: newest._max.id ?? 0 } }, data: { is_read: true } });
  if (count > 0) {
    const messageId = newest._max.id!;
    emitTo(userRoom(userId), "message_read", { user_id: peerId, message_id: messageId });
    emitTo(userRoom(peerId), "message_read", { user_id: userId, message_id: messageId });
  }
  return { user_id: peerId, marked_read: count };
}

export function markRead(userId: number, input: MarkReadInput) {
  return "channel_id" in input ? markChannelRead(userId, input.channel_id, input.message_id) : markConversationRead(userId, input.user_id);
}
