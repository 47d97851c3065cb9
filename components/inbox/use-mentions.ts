"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useBlockedUsers } from "@/components/friends/blocked-users";
import { useRealtimeEvent, useResync } from "@/components/realtime/realtime-provider";
import { endpoints } from "@/lib/api/endpoints";
import type { Message } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";

const PAGE = 25;

/** A live change to the list. Each one is idempotent: applied again to a page that already has it, it changes nothing. */
type Change = (list: Message[]) => Message[];

/** `message` in its place by id (newest first), replacing its older copy; one older than `floor` waits for its page. */
function placed(list: Message[], message: Message, floor: number | null): Message[] {
  if (list.some((m) => m.id === message.id)) return list.map((m) => (m.id === message.id ? message : m));
  if (floor !== null && message.id < floor) return list;
  const at = list.findIndex((m) => m.id < message.id);
  return at === -1 ? [...list, message] : [...list.slice(0, at), message, ...list.slice(at)];
}

export interface Mentions {
  /** Newest first; null until the first page has come. */
  messages: Message[] | null;
  /** Why the first page could not be loaded. */
  error: string | null;
  /** Older mentions remain on the server. */
  more: boolean;
  loadingMore: boolean;
  /** Why the last "load more" failed. */
  moreError: string | null;
  retry: () => void;
  loadMore: () => void;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : "Something went wrong");

/**
 * The viewer's mentions (GET /api/users/me/mentions), a page at a time, kept live while shown: a
 * new message that mentions them (or everyone) comes in at the top, an edit updates or drops its
 * entry, a deletion drops it. Live changes that land while a page is on its way are applied to
 * that page too: the server may have answered from before them.
 */
export function useMentions(me: number): Mentions {
  const blocked = useBlockedUsers();
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const requests = useRef(0);
  const changesMeanwhile = useRef<Change[]>([]);
  // The `before` of the next page, and whether there is one: where an edit's newly mentioned message belongs.
  const cursor = useRef<{ before: number | null; more: boolean }>({ before: null, more: false });

  const fetchPage = useCallback(async (before: number | null, combine: (current: Message[] | null, page: Message[]) => Message[]) => {
    requests.current += 1;
    try {
      const page = await callApi(endpoints.listMentions, { query: { limit: PAGE, ...(before !== null && { before }) } });
      const changes = changesMeanwhile.current;
      cursor.current = { before: page.at(-1)?.id ?? before, more: page.length === PAGE };
      setMore(page.length === PAGE);
      setMessages((current) => changes.reduce((list, change) => change(list), combine(current, page)));
    } finally {
      requests.current -= 1;
      if (requests.current === 0) changesMeanwhile.current = [];
    }
  }, []);

  const loadFirst = useCallback(() => {
    setError(null);
    fetchPage(null, (_, page) => page).catch((failure: unknown) => setError(reason(failure)));
  }, [fetchPage]);

  useEffect(loadFirst, [loadFirst]);
  // Back after a gap Socket.IO could not replay: what changed meanwhile is only in the API.
  useResync(loadFirst);

  const loadMore = () => {
    if (loadingMore || cursor.current.before === null) return;
    setLoadingMore(true);
    setMoreError(null);
    fetchPage(cursor.current.before, (current, page) => [...(current ?? []), ...page.filter((m) => !current?.some((c) => c.id === m.id))])
      .catch((failure: unknown) => setMoreError(reason(failure)))
      .finally(() => setLoadingMore(false));
  };

  const change = (apply: Change) => {
    setMessages((list) => list && apply(list));
    if (requests.current > 0) changesMeanwhile.current.push(apply);
  };
  const mentionsMe = (message: Message) => message.sender_id !== me && !blocked.has(message.sender_id) && (message.mention_everyone || message.mentions.includes(me));
  const floor = () => (cursor.current.more ? cursor.current.before : null);

  useRealtimeEvent("message_sent", (message) => {
    if (mentionsMe(message)) change((list) => placed(list, message, floor()));
  });
  useRealtimeEvent("message_edited", (message) => {
    change((list) => (mentionsMe(message) ? placed(list, message, floor()) : list.filter((m) => m.id !== message.id)));
  });
  useRealtimeEvent("message_deleted", ({ id }) => change((list) => list.filter((m) => m.id !== id)));
  useRealtimeEvent("channel_deleted", ({ id }) => change((list) => list.filter((m) => m.channel_id !== id)));

  return { messages, error, more, loadingMore, moreError, retry: loadFirst, loadMore };
}
