"use client";

import { useEffect } from "react";

// A jump asked for from outside a conversation's pane (a search result, a notification): the pane
// of that conversation takes it as it mounts, or at once when it is already open.

let pending: { conversation: string; messageId: number } | null = null;
const listeners = new Set<() => void>();

/** `conversation` as the message pane names it: `channel:7`, `dm:3`. */
export function requestJump(conversation: string, messageId: number): void {
  pending = { conversation, messageId };
  listeners.forEach((listener) => listener());
}

/** Calls `jumpTo` with each jump asked for in `conversation`. */
export function useJumpRequests(conversation: string, jumpTo: (messageId: number) => void): void {
  useEffect(() => {
    const take = () => {
      if (pending?.conversation !== conversation) return;
      const { messageId } = pending;
      pending = null;
      jumpTo(messageId);
    };
    take();
    listeners.add(take);
    return () => {
      listeners.delete(take);
    };
  }, [conversation, jumpTo]);
}
