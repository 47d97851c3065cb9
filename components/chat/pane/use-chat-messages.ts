"use client";

import { useCallback, useState } from "react";
import type { ChatMessage } from "../types";

/**
 * A new copy of a message the list has: in its place (its key), with the reactions the list has.
 * Once listed, reactions change only by their own events, since a message sent to everyone at once
 * (an edit, a catch-up) cannot say which reactions are the viewer's.
 */
function replaced(listed: ChatMessage, incoming: ChatMessage): ChatMessage {
  return { ...incoming, key: listed.key, reactions: listed.reactions };
}

/**
 * The stored messages of one conversation, in id order (unsent ones are in the tab's outbox). One
 * that is already there is updated in place, never added twice.
 */
export function useChatMessages(initial: ChatMessage[]) {
  const [messages, setMessages] = useState(initial);

  const receive = useCallback((incoming: ChatMessage) => {
    setMessages((list) => {
      if (list.some((m) => m.id === incoming.id)) return list.map((m) => (m.id === incoming.id ? replaced(m, incoming) : m));
      const at = list.findIndex((m) => (m.id ?? 0) > (incoming.id ?? 0));
      return at === -1 ? [...list, incoming] : [...list.slice(0, at), incoming, ...list.slice(at)];
    });
  }, []);

  /** A change to a message in the list (an edit); one not loaded stays out. */
  const update = useCallback((changed: ChatMessage) => {
    setMessages((list) => (list.some((m) => m.id === changed.id) ? list.map((m) => (m.id === changed.id ? replaced(m, changed) : m)) : list));
  }, []);

  const remove = useCallback((id: number) => setMessages((list) => list.filter((m) => m.id !== id)), []);

  const prependOlder = useCallback((older: ChatMessage[]) => {
    setMessages((list) => {
      const known = new Set(list.map((m) => m.id));
      return [...older.filter((m) => !known.has(m.id)), ...list];
    });
  }, []);

  return { messages, setMessages, receive, update, remove, prependOlder };
}

export type ChatMessageStore = ReturnType<typeof useChatMessages>;
