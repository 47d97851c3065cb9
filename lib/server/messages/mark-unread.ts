import type { MarkUnreadInput } from "@/lib/validations/messages";
import { requireChannelAccess, requireUser } from "../access";
import { readStates } from "../channels/read-states";
import { db, transaction } from "../db/client";
import { notFound } from "../errors";
import { emitTo } from "../realtime/emit";
import { userRoom } from "../realtime/rooms";

/** Moves the caller's read position in a channel back to just before a message of it. */
async function markChannelUnread(userId: number, channelId: number, messageId: number) {
  await requireChannelAccess(userId, channelId);
  const message = await db.message.findUnique({ where: { id: messageId }, select: { channel_id: true } });
  if (message?.channel_id !== channelId) throw notFound("Message");
  const before = await db.message.aggregate({ where: { channel_id: channelId, id: { lt: messageId } }, _max: { id: true } });
  const position = before._max.id ?? 0;
  // Under the same lock as marking read, so the two never interleave for one reader and channel.
  await transaction(
    (tx) =>
      tx.channelReadState.upsert({
        where: { user_id_channel_id: { user_id: userId, channel_id: channelId } },
        create: { user_id: userId, channel_id: channelId, last_read_message_id: position },
        update: { last_read_message_id: position },
      }),
    { exclusive: `read:${userId}:${channelId}` },
  );
  const unread = (await readStates(userId, [channelId])).get(channelId)?.unread_count ?? 0;
  emitTo(userRoom(userId), "message_unread", { channel_id: channelId, message_id: position, unread_count: unread });
  return { channel_id: channelId, last_read_message_id: position, unread_count: unread };
}

/** Makes the peer's DMs from a message of the conversation on unread again. */
async function markConversationUnread(userId: number, peerId: number, messageId: number) {
  await requireUser(peerId);
  const message = await db.directMessage.findUnique({ where: { id: messageId }, select: { sender_id: true, receiver_id: true } });
  const inConversation =
    !!message && ((message.sender_id === userId && message.receiver_id === peerId) || (message.sender_id === peerId && message.receiver_id === userId));
  if (!inConversation) throw notFound("Message");
  const fromPeer = { sender_id: peerId, receiver_id: userId };
  await db.directMessage.updateMany({ where: { ...fromPeer, id: { gte: messageId }, is_read: true }, data: { is_read: false } });
  const unread = await db.directMessage.count({ where: { ...fromPeer, is_read: false } });
  emitTo(userRoom(userId), "message_unread", { user_id: peerId, message_id: messageId, unread_count: unread });
  return { user_id: peerId, unread_count: unread };
}

export function markUnread(userId: number, input: MarkUnreadInput) {
  return "channel_id" in input
    ? markChannelUnread(userId, input.channel_id, input.message_id)
    : markConversationUnread(userId, input.user_id, input.message_id);
}
