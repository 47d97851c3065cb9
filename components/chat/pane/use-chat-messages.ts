"use client";

import { useCallback, useState } from "react";
import type { ChatMessage } from "../types";

/**
 * The messages of one conversation: confirmed ones in id order, then pending ones in the order
 * they were sent. A confirmed message replaces the pending copy with the same nonce; one that is
 * already there is not added twice.
 */
export function useChatMessages(initial: ChatMessage[]) {
  const [messages, setMessages] = useState(initial);

  const receive = useCallback((incoming: ChatMessage) => {
    setMessages((list) => {
      if (incoming.id !== null && list.some((m) => m.id === incoming.id)) {
        return list.map((m) => (m.id === incoming.id ? { ...incoming, key: m.key } : m));
      }
      const pendingIndex = incoming.nonce ? list.findIndex((m) => m.state !== "sent" && m.nonce === incoming.nonce) : -1;
      const withoutPending = pendingIndex >= 0 ? list.filter((_, i) => i !== pendingIndex) : list;
      const key = pendingIndex >= 0 ? list[pendingIndex].key : incoming.key;
      const confirmed = withoutPending.filter((m) => m.state === "sent");
      const pending = withoutPending.filter((m) => m.state !== "sent");
      const at = confirmed.findIndex((m) => (m.id ?? 0) > (incoming.id ?? 0));
      const next = { ...incoming, key };
      const merged = at === -1 ? [...confirmed, next] : [...confirmed.slice(0, at), next, ...confirmed.slice(at)];
      return [...merged, ...pending];
    });
  }, []);

  const addPending = useCallback((message: ChatMessage) => setMessages((list) => [...list, message]), []);

  const setState = useCallback((nonce: string, state: ChatMessage["state"]) => {
    setMessages((list) => list.map((m) => (m.nonce === nonce && m.state !== "sent" ? { ...m, state } : m)));
  }, []);

  const remove = useCallback((id: number) => setMessages((list) => list.filter((m) => m.id !== id)), []);

  const prependOlder = useCallback((older: ChatMessage[]) => {
    setMessages((list) => {
      const known = new Set(list.map((m) => m.id));
      return [...older.filter((m) => !known.has(m.id)), ...list];
    });
  }, []);

  return { messages, setMessages, receive, addPending, setState, remove, prependOlder };
}

export type ChatMessageStore = ReturnType<typeof useChatMessages>;
