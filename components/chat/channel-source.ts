import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";
import { attachmentIds, pageQuery, reactionRelay, type MessageSource } from "./pane/source";
import { fromMessage } from "./types";

/** A community channel for the message pane: with replies, edits, deletions, typing, reactions, pins and catch me up. */
export function channelSource(channelId: number): MessageSource {
  const room = { channel_id: channelId };
  const mine = (event: { channel_id: number }) => event.channel_id === channelId;
  const reaction = (id: number, emoji: string) => ({ params: { id: String(id), emoji } });
  const pin = (id: number) => ({ params: { id: String(channelId), message_id: String(id) } });
  return {
    loadPage: async (cursor, limit) => (await callApi(endpoints.listMessages, { params: { id: String(channelId) }, query: pageQuery(cursor, limit) })).map(fromMessage),
    send: async ({ content, nonce, replyTo, attachments }, client) => {
      const body = { channel_id: channelId, content, nonce, ...(replyTo ? { reply_to: replyTo } : {}), ...attachmentIds(attachments) };
      return fromMessage((await client?.send("send_message", body)) ?? (await callApi(endpoints.sendMessage, { body })));
    },
    markRead: () => callApi(endpoints.markRead, { body: room }),
    markUnread: (messageId) => callApi(endpoints.markUnread, { body: { ...room, message_id: messageId } }),
    // Joining the channel's room subscribes this socket to its typing while the channel is open.
    open: (client, newestId) => {
      client.trackChannel(channelId, newestId);
      client.socket.emit("join_channel", room);
      return () => {
        client.socket.emit("leave_channel", room);
      };
    },
    subscribe: (client, live) => {
      const off = [
        client.on("message_sent", (message) => mine(message) && live.sent(fromMessage(message))),
        client.on("message_edited", (message) => mine(message) && live.edited(fromMessage(message))),
        client.on("message_deleted", (event) => mine(event) && live.deleted(event.id)),
      ];
      return () => off.forEach((unsubscribe) => unsubscribe());
    },
    replies: true,
    edit: async (id, content) => fromMessage(await callApi(endpoints.editMessage, { params: { id: String(id) }, body: { content } })),
    remove: (id) => callApi(endpoints.deleteMessage, { params: { id: String(id) } }),
    typing: {
      subscribe: (client, listener) =>
        client.on("typing", (event) => mine(event) && listener({ userId: event.user_id, username: event.username, isTyping: event.is_typing })),
      emit: (client, isTyping) => client.socket.emit("typing", { ...room, is_typing: isTyping }),
    },
    reactions: {
      add: (id, emoji) => callApi(endpoints.addReaction, reaction(id, emoji)),
      remove: (id, emoji) => callApi(endpoints.removeReaction, reaction(id, emoji)),
      users: async (id, emoji, limit) => (await callApi(endpoints.listReactionUsers, { ...reaction(id, emoji), query: { limit: String(limit) } })).users,
      subscribe: (client, listener) => {
        const relay = reactionRelay(mine, listener);
        const off = [client.on("message_reaction_added", relay(true)), client.on("message_reaction_removed", relay(false))];
        return () => off.forEach((unsubscribe) => unsubscribe());
      },
    },
    pins: {
      pin: (id) => callApi(endpoints.pinMessage, pin(id)),
      unpin: (id) => callApi(endpoints.unpinMessage, pin(id)),
      subscribe: (client, listener) => {
        const off = [
          client.on("message_pinned", (event) => mine(event) && listener(event.message_id, true)),
          client.on("message_unpinned", (event) => mine(event) && listener(event.message_id, false)),
        ];
        return () => off.forEach((unsubscribe) => unsubscribe());
      },
    },
    summarize: (fromMessageId) => callApi(endpoints.summarizeChannel, { params: { id: String(channelId) }, body: { from_message_id: fromMessageId } }),
  };
}
