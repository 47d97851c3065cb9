import { pageQuery, type MessageSource } from "@/components/chat/pane/source";
import { fromDirectMessage } from "@/components/chat/types";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";

/**
 * The DM conversation between the viewer and `peerId` for the message pane. DMs have no replies,
 * edits, deletions or typing yet. `onRead` clears the conversation's unread count at once.
 */
export function conversationSource(viewerId: number, peerId: number, onRead: () => void): MessageSource {
  const between = (a: number, b: number) => (a === viewerId && b === peerId) || (a === peerId && b === viewerId);
  return {
    loadPage: async (cursor, limit) => (await callApi(endpoints.listDirectMessages, { params: { id: String(peerId) }, query: pageQuery(cursor, limit) })).map(fromDirectMessage),
    send: async ({ content, nonce }, client) => {
      const body = { receiver_id: peerId, content, nonce };
      return fromDirectMessage((await client?.send("send_direct_message", body)) ?? (await callApi(endpoints.sendDirectMessage, { body })));
    },
    markRead: () => {
      onRead();
      return callApi(endpoints.markRead, { body: { user_id: peerId } });
    },
    open: (client, newestId) => client.trackConversation(peerId, newestId),
    subscribe: (client, live) =>
      client.on("direct_message_sent", (message) => between(message.sender_id, message.receiver_id) && live.sent(fromDirectMessage(message))),
  };
}
