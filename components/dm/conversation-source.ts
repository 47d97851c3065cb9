import { attachmentIds, pageQuery, reactionRelay, type MessageSource } from "@/components/chat/pane/source";
import { fromDirectMessage } from "@/components/chat/types";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";

/**
 * The DM conversation between the viewer and `peerId` for the message pane: with replies, edits and
 * deletions of one's own messages, typing and reactions. `onRead` clears the conversation's unread count at once.
 */
export function conversationSource(viewerId: number, peerId: number, onRead: () => void): MessageSource {
  const mine = ({ sender_id: a, receiver_id: b }: { sender_id: number; receiver_id: number }) =>
    (a === viewerId && b === peerId) || (a === peerId && b === viewerId);
  const message = (id: number) => ({ params: { id: String(id) } });
  const reaction = (id: number, emoji: string) => ({ params: { id: String(id), emoji } });
  return {
    loadPage: async (cursor, limit) => (await callApi(endpoints.listDirectMessages, { params: { id: String(peerId) }, query: pageQuery(cursor, limit) })).map(fromDirectMessage),
    send: async ({ content, nonce, replyTo, attachments }, client) => {
      const body = { receiver_id: peerId, content, nonce, ...(replyTo ? { reply_to: replyTo } : {}), ...attachmentIds(attachments) };
      return fromDirectMessage((await client?.send("send_direct_message", body)) ?? (await callApi(endpoints.sendDirectMessage, { body })));
    },
    markUnread: (messageId) => callApi(endpoints.markUnread, { body: { user_id: peerId, message_id: messageId } }),
    markRead: () => {
      onRead();
      return callApi(endpoints.markRead, { body: { user_id: peerId } });
    },
    open: (client, newestId) => client.trackConversation(peerId, newestId),
    subscribe: (client, live) => {
      const off = [
        client.on("direct_message_sent", (dm) => mine(dm) && live.sent(fromDirectMessage(dm))),
        client.on("direct_message_edited", (dm) => mine(dm) && live.edited(fromDirectMessage(dm))),
        client.on("direct_message_deleted", (event) => mine(event) && live.deleted(event.id)),
      ];
      return () => off.forEach((unsubscribe) => unsubscribe());
    },
    replies: true,
    edit: async (id, content) => fromDirectMessage(await callApi(endpoints.editDirectMessage, { ...message(id), body: { content } })),
    remove: (id) => callApi(endpoints.deleteDirectMessage, message(id)),
    // Every peer's indicator reaches the viewer's sockets: this conversation shows only its own.
    typing: {
      subscribe: (client, listener) =>
        client.on("direct_typing", (event) => event.user_id === peerId && listener({ userId: event.user_id, username: event.username, isTyping: event.is_typing })),
      emit: (client, isTyping) => client.socket.emit("direct_typing", { user_id: peerId, is_typing: isTyping }),
    },
    reactions: {
      add: (id, emoji) => callApi(endpoints.addDirectMessageReaction, reaction(id, emoji)),
      remove: (id, emoji) => callApi(endpoints.removeDirectMessageReaction, reaction(id, emoji)),
      users: async (id, emoji, limit) => (await callApi(endpoints.listDirectMessageReactionUsers, { ...reaction(id, emoji), query: { limit: String(limit) } })).users,
      subscribe: (client, listener) => {
        const relay = reactionRelay(mine, listener);
        const off = [client.on("direct_message_reaction_added", relay(true)), client.on("direct_message_reaction_removed", relay(false))];
        return () => off.forEach((unsubscribe) => unsubscribe());
      },
    },
  };
}
