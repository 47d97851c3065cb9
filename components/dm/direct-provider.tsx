"use client";

import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useRealtime, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import type { Conversation, FriendRequest } from "@/lib/api/entities";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";

/** As many as the layout loads: the API's largest page. */
const CONVERSATION_PAGE = 100;

interface DirectState {
  /** Most recent first; conversations with users the caller blocked are not in it. */
  conversations: Conversation[];
  /** Pending friend requests sent to the caller and by the caller, newest first. */
  incoming: FriendRequest[];
  outgoing: FriendRequest[];
  /** The peer whose conversation is open, if any. */
  openPeerId: number | null;
  /** Clears a conversation's unread count (the caller just read it). */
  markConversationRead: (peerId: number) => void;
  /** Refetches the conversations, after something that changes which ones are shown (a block). */
  refreshConversations: () => void;
  /** Applies a request returned by the API at once, without waiting for its event. */
  applyRequest: (request: FriendRequest) => void;
}

const DirectContext = createContext<DirectState | null>(null);

function openPeer(pathname: string): number | null {
  const match = /^\/channels\/me\/(\d+)$/.exec(pathname);
  return match ? Number(match[1]) : null;
}

function byNewest(a: Conversation, b: Conversation) {
  return b.last_message.id - a.last_message.id;
}

/**
 * The DM conversations and pending friend requests of every /channels/me page, kept live: a DM
 * moves its conversation to the top and counts as unread unless it is open or from the caller;
 * a read receipt clears it; edits and deletions, presence and name changes show at once.
 */
export function DirectProvider({
  conversations: initialConversations,
  incoming: initialIncoming,
  outgoing: initialOutgoing,
  children,
}: {
  conversations: Conversation[];
  incoming: FriendRequest[];
  outgoing: FriendRequest[];
  children: React.ReactNode;
}) {
  const { me } = useAppState();
  const { connection } = useRealtime();
  const pathname = usePathname();
  const openPeerId = openPeer(pathname);
  const [conversations, setConversations] = useState(initialConversations);
  const [incoming, setIncoming] = useState(initialIncoming);
  const [outgoing, setOutgoing] = useState(initialOutgoing);
  // Ids of DMs the caller sent: a read receipt for one of them means the peer read it, not us.
  const sentIds = useRef(new Set(initialConversations.filter((c) => c.last_message.sender_id === me.id).map((c) => c.last_message.id)));

  const refreshConversations = useCallback(() => {
    callApi(endpoints.listConversations, { query: { limit: String(CONVERSATION_PAGE) } }).then((latest) => {
      for (const c of latest) if (c.last_message.sender_id === me.id) sentIds.current.add(c.last_message.id);
      setConversations(latest);
    }, () => undefined);
  }, [me.id]);

  // Whatever happened between the page's render and the socket (re)connecting is only in the API.
  useEffect(() => {
    if (connection !== "connected") return;
    refreshConversations();
    Promise.all([callApi(endpoints.listIncomingRequests), callApi(endpoints.listOutgoingRequests)]).then(
      ([pendingIncoming, pendingOutgoing]) => {
        setIncoming(pendingIncoming);
        setOutgoing(pendingOutgoing);
      },
      () => undefined,
    );
  }, [connection, refreshConversations]);

  const markConversationRead = useCallback((peerId: number) => {
    setConversations((list) => (list.some((c) => c.user.id === peerId && c.unread_count > 0) ? list.map((c) => (c.user.id === peerId ? { ...c, unread_count: 0 } : c)) : list));
  }, []);

  const applyRequest = useCallback(
    (request: FriendRequest) => {
      const without = (list: FriendRequest[]) => list.filter((r) => r.id !== request.id);
      const pending = request.status === "pending";
      setIncoming((list) => (pending && request.receiver_id === me.id ? [request, ...without(list)] : without(list)));
      setOutgoing((list) => (pending && request.sender_id === me.id ? [request, ...without(list)] : without(list)));
    },
    [me.id],
  );

  useRealtimeEvent("direct_message_sent", (message) => {
    const fromMe = message.sender_id === me.id;
    const peerId = fromMe ? message.receiver_id : message.sender_id;
    if (fromMe) sentIds.current.add(message.id);
    if (!conversations.some((c) => c.user.id === peerId)) return refreshConversations();
    setConversations((list) =>
      list
        .map((c) => {
          if (c.user.id !== peerId || c.last_message.id >= message.id) return c;
          const unread = !fromMe && peerId !== openPeerId;
          return { ...c, last_message: message, unread_count: c.unread_count + (unread ? 1 : 0) };
        })
        .sort(byNewest),
    );
  });

  // The list shows each conversation's last message: an edit of it shows at once. Deleting it, or a
  // message still unread, changes the last message or the count, which only the API knows.
  useRealtimeEvent("direct_message_edited", (message) => {
    setConversations((list) => (list.some((c) => c.last_message.id === message.id) ? list.map((c) => (c.last_message.id === message.id ? { ...c, last_message: message } : c)) : list));
  });

  useRealtimeEvent("direct_message_deleted", (event) => {
    const peerId = event.sender_id === me.id ? event.receiver_id : event.sender_id;
    const conversation = conversations.find((c) => c.user.id === peerId);
    if (conversation && (conversation.last_message.id === event.id || (event.sender_id === peerId && conversation.unread_count > 0))) refreshConversations();
  });

  useRealtimeEvent("message_read", (event) => {
    if (!("user_id" in event) || sentIds.current.has(event.message_id)) return;
    const conversation = conversations.find((c) => c.user.id === event.user_id);
    const lastIncoming = conversation && conversation.last_message.sender_id !== me.id ? conversation.last_message.id : 0;
    if (event.message_id >= lastIncoming) markConversationRead(event.user_id);
  });

  useRealtimeEvent("message_unread", (event) => {
    if (!("user_id" in event)) return;
    setConversations((list) => list.map((c) => (c.user.id === event.user_id ? { ...c, unread_count: event.unread_count } : c)));
  });

  useRealtimeEvent("user_status", (status) => {
    setConversations((list) =>
      list.map((c) =>
        c.user.id === status.user_id
          ? {
              ...c,
              user: { ...c.user, status: status.status, custom_status: status.custom_status, last_seen: status.last_seen, display_name: status.display_name, avatar_url: status.avatar_url },
            }
          : c,
      ),
    );
  });

  useRealtimeEvent("friend_request", applyRequest);
  // Conversations with users the caller blocked are left out, wherever the block was made.
  useRealtimeEvent("block_changed", refreshConversations);

  const value = useMemo(
    () => ({ conversations, incoming, outgoing, openPeerId, markConversationRead, refreshConversations, applyRequest }),
    [conversations, incoming, outgoing, openPeerId, markConversationRead, refreshConversations, applyRequest],
  );
  return <DirectContext.Provider value={value}>{children}</DirectContext.Provider>;
}

export function useDirect(): DirectState {
  const state = useContext(DirectContext);
  if (!state) throw new Error("useDirect outside DirectProvider");
  return state;
}
