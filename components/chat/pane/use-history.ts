"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRealtime, useResync } from "@/components/realtime/realtime-provider";
import { useToast } from "@/components/ui/toast";
import type { ChatMessage } from "../types";
import type { MessageSource } from "./source";
import { useChatMessages } from "./use-chat-messages";

const PAGE = 50;

/**
 * The messages of a source: the page it was rendered with, older pages on demand, the page around
 * a message to jump to, and live ones. After a jump to a page without the newest messages the
 * list is `detached`: live messages are not added (that would leave a gap) until `loadLatest`. Missed messages come only through the realtime client,
 * which fetches the gap after a reconnect and delivers it before anything newer; `onArrival` sees
 * each new message once it is in the list.
 */
export function useHistory(source: MessageSource, initial: ChatMessage[], onArrival: (message: ChatMessage) => void) {
  const { client, connection } = useRealtime();
  const toast = useToast();
  const store = useChatMessages(initial);
  const { messages, setMessages, receive, update, remove, prependOlder } = store;
  const [hasOlder, setHasOlder] = useState(initial.length === PAGE);
  const [detached, setDetached] = useState(false);
  const isDetached = useRef(false);
  const detach = useCallback((value: boolean) => {
    isDetached.current = value;
    setDetached(value);
  }, []);
  const renderedNewestId = initial.at(-1)?.id ?? 0;

  useEffect(() => {
    if (!client || connection !== "connected") return;
    return source.open(client, renderedNewestId);
  }, [client, connection, source, renderedNewestId]);

  useEffect(() => {
    if (!client) return;
    return source.subscribe(client, {
      sent: (message) => {
        if (!isDetached.current) receive(message);
        onArrival(message);
      },
      edited: update,
      deleted: remove,
    });
  }, [client, source, receive, update, remove, onArrival]);

  // After a gap Socket.IO could not recover, edits and deletions made meanwhile are refetched.
  useResync(() => {
    source.loadPage({}, PAGE).then(
      (latest) => {
        const oldest = latest[0]?.id ?? Infinity;
        setMessages((list) => [...list.filter((m) => (m.id ?? 0) < oldest), ...latest]);
        detach(false);
      },
      () => undefined,
    );
  });

  const loadOlder = useCallback(async () => {
    const oldest = messages.find((m) => m.id !== null)?.id;
    if (!oldest) return setHasOlder(false);
    try {
      const older = await source.loadPage({ before: oldest }, PAGE);
      prependOlder(older);
      if (older.length < PAGE) setHasOlder(false);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not load older messages");
    }
  }, [messages, source, prependOlder, toast]);

  /** Makes sure `messageId` is in the list, loading the page around it; false when it is gone. */
  const loadAround = useCallback(
    async (messageId: number) => {
      if (messages.some((m) => m.id === messageId)) return true;
      const around = await source.loadPage({ around: messageId }, PAGE);
      if (!around.some((m) => m.id === messageId)) return false;
      const newest = messages.findLast((m) => m.id !== null)?.id ?? 0;
      setMessages(around);
      setHasOlder(true);
      detach((around.at(-1)?.id ?? 0) < newest);
      return true;
    },
    [messages, source, setMessages, detach],
  );

  /** Back to the newest page, after a jump into the past. */
  const loadLatest = useCallback(async () => {
    const latest = await source.loadPage({}, PAGE);
    setMessages(latest);
    setHasOlder(latest.length === PAGE);
    detach(false);
  }, [source, setMessages, detach]);

  return { ...store, hasOlder, loadOlder, loadAround, detached, loadLatest };
}
