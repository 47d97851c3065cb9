"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useRealtime, useRealtimeEvent, useResync } from "@/components/realtime/realtime-provider";
import { useToast } from "@/components/ui/toast";
import type { Channel, CommunityRole, Message } from "@/lib/api/entities";
import { apiFetch } from "@/lib/api-client";
import { newNonce } from "@/lib/format";
import { Composer } from "./composer";
import type { MessageActions } from "./message-item";
import { MessageList } from "./message-list";
import { TypingIndicator } from "./typing-indicator";
import { fromMessage, type ChatMessage } from "./types";
import { useChatMessages } from "./use-chat-messages";
import { usePostingLimits } from "./use-posting-limits";

const PAGE = 50;
const TYPING_FALLBACK_MS = 12_000;

interface ChannelViewProps {
  channel: Channel;
  role: CommunityRole;
  initialMessages: Message[];
  /** Until when the viewer is timed out in this community (null: not). */
  timeoutUntil: string | null;
  /** Display names and avatars of members, shown instead of the username cached on a message. */
  people?: Map<number, { name: string; avatarUrl: string | null }>;
  onOpenProfile?: (userId: number) => void;
}

function postingBlockedReason(channel: Channel, role: CommunityRole): string | null {
  if (channel.type === "voice") return "This is a voice channel: text messages are not available here.";
  if (channel.type === "announcement" && role === "member") return "Only owners and admins can post in this announcement channel.";
  return null;
}

export function ChannelView({ channel, role, initialMessages, timeoutUntil, people, onOpenProfile }: ChannelViewProps) {
  const { me } = useAppState();
  const { client, connection } = useRealtime();
  const toast = useToast();
  const store = useChatMessages(initialMessages.map(fromMessage));
  const { messages, receive, addPending, setState, remove, prependOlder, setMessages } = store;
  const [hasOlder, setHasOlder] = useState(initialMessages.length === PAGE);
  const [replyingTo, setReplyingTo] = useState<ChatMessage | null>(null);
  const [highlightId, setHighlightId] = useState<number | null>(null);
  const [typists, setTypists] = useState<Map<number, { name: string; until: number }>>(new Map());
  const readTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isManager = role === "owner" || role === "admin";
  const limits = usePostingLimits(channel, role, timeoutUntil);
  const { sent, explain } = limits;

  const markRead = useCallback(() => {
    if (readTimer.current) clearTimeout(readTimer.current);
    readTimer.current = setTimeout(() => {
      if (document.visibilityState === "visible") void apiFetch("/api/messages/read", { body: { channel_id: channel.id } }).catch(() => undefined);
    }, 300);
  }, [channel.id]);

  useEffect(() => {
    markRead();
    const onVisible = () => document.visibilityState === "visible" && markRead();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [markRead]);

  // Track the newest id for catch-up, and subscribe to this channel's typing while it is open.
  useEffect(() => {
    if (!client || connection !== "connected") return;
    const last = initialMessages.at(-1)?.id ?? 0;
    client.trackChannel(channel.id, last);
    client.socket.emit("join_channel", { channel_id: channel.id });
    return () => {
      client.socket.emit("leave_channel", { channel_id: channel.id });
    };
  }, [client, connection, channel.id, initialMessages]);

  useRealtimeEvent("message_sent", (message) => {
    if (message.channel_id !== channel.id) return;
    receive(fromMessage(message));
    setTypists((current) => {
      if (!current.has(message.sender_id)) return current;
      const next = new Map(current);
      next.delete(message.sender_id);
      return next;
    });
    if (message.sender_id !== me.id) markRead();
  });
  useRealtimeEvent("message_edited", (message) => {
    if (message.channel_id === channel.id) receive(fromMessage(message));
  });
  useRealtimeEvent("message_deleted", ({ id, channel_id }) => {
    if (channel_id === channel.id) remove(id);
  });
  useRealtimeEvent("typing", (event) => {
    if (event.channel_id !== channel.id || event.user_id === me.id) return;
    setTypists((current) => {
      const next = new Map(current);
      if (event.is_typing) next.set(event.user_id, { name: people?.get(event.user_id)?.name ?? event.username, until: Date.now() + TYPING_FALLBACK_MS });
      else next.delete(event.user_id);
      return next;
    });
  });

  // A missed "stopped typing" must not leave a name up forever.
  useEffect(() => {
    if (typists.size === 0) return;
    const timer = setInterval(() => {
      setTypists((current) => {
        const now = Date.now();
        const next = new Map([...current].filter(([, typist]) => typist.until > now));
        return next.size === current.size ? current : next;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [typists.size]);

  // After a gap Socket.IO could not recover, edits and deletions made meanwhile are refetched.
  useResync(() => {
    apiFetch<Message[]>(`/api/messages/channel/${channel.id}?limit=${PAGE}`).then(
      (latest) => {
        const oldest = latest[0]?.id ?? Infinity;
        setMessages((list) => [
          ...list.filter((m) => m.state === "sent" && (m.id ?? 0) < oldest),
          ...latest.map(fromMessage),
          ...list.filter((m) => m.state !== "sent"),
        ]);
      },
      () => undefined,
    );
  });

  const loadOlder = useCallback(async () => {
    const oldest = messages.find((m) => m.id !== null)?.id;
    if (!oldest) return setHasOlder(false);
    try {
      const older = await apiFetch<Message[]>(`/api/messages/channel/${channel.id}?before=${oldest}&limit=${PAGE}`);
      prependOlder(older.map(fromMessage));
      if (older.length < PAGE) setHasOlder(false);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not load older messages");
    }
  }, [messages, channel.id, prependOlder, toast]);

  const send = useCallback(
    async (content: string, nonce = newNonce(), replyTo = replyingTo?.id ?? null) => {
      addPending({
        key: `p${nonce}`,
        id: null,
        authorId: me.id,
        authorName: me.username,
        avatarUrl: me.avatar_url,
        content,
        type: "text",
        createdAt: new Date().toISOString(),
        editedAt: null,
        replyTo,
        nonce,
        state: "pending",
      });
      setReplyingTo(null);
      sent();
      try {
        const message = await apiFetch<Message>("/api/messages/send", {
          body: { channel_id: channel.id, content, nonce, ...(replyTo ? { reply_to: replyTo } : {}) },
        });
        receive(fromMessage(message));
      } catch (error) {
        setState(nonce, "failed");
        if (!explain(error)) toast.error(error instanceof Error ? error.message : "Message not sent");
      }
    },
    [addPending, channel.id, me, receive, replyingTo, setState, toast, sent, explain],
  );

  const jumpTo = useCallback(
    async (messageId: number) => {
      if (!messages.some((m) => m.id === messageId)) {
        try {
          const around = await apiFetch<Message[]>(`/api/messages/channel/${channel.id}?around=${messageId}&limit=${PAGE}`);
          if (!around.some((m) => m.id === messageId)) return toast.info("The original message was deleted.");
          setMessages(around.map(fromMessage));
          setHasOlder(true);
        } catch {
          return toast.error("Could not load that message");
        }
      }
      setHighlightId(messageId);
      setTimeout(() => setHighlightId((current) => (current === messageId ? null : current)), 2500);
    },
    [messages, channel.id, setMessages, toast],
  );

  const actions = useMemo<MessageActions>(
    () => ({
      canReply: true,
      canEdit: (m) => m.authorId === me.id,
      canDelete: (m) => m.authorId === me.id || isManager,
      onReply: setReplyingTo,
      onEdit: async (m, content) => {
        try {
          receive(fromMessage(await apiFetch<Message>(`/api/messages/${m.id}`, { method: "PUT", body: { content } })));
        } catch (error) {
          if (!explain(error)) toast.error(error instanceof Error ? error.message : "Could not edit the message");
        }
      },
      onDelete: async (m) => {
        try {
          await apiFetch(`/api/messages/${m.id}`, { method: "DELETE" });
          remove(m.id!);
        } catch (error) {
          toast.error(error instanceof Error ? error.message : "Could not delete the message");
        }
      },
      onRetry: (m) => {
        remove(m.id ?? -1);
        setMessages((list) => list.filter((x) => x.key !== m.key));
        void send(m.content, m.nonce ?? newNonce(), m.replyTo);
      },
      onJumpTo: (id) => void jumpTo(id),
      onOpenProfile,
    }),
    [me.id, isManager, receive, remove, send, setMessages, jumpTo, onOpenProfile, toast, explain],
  );

  const typingNames = [...typists.values()].map((t) => t.name);
  const label = channel.type === "announcement" ? `Message #${channel.name} (announcement)` : `Message #${channel.name}`;

  const shown = useMemo(
    () =>
      people
        ? messages.map((m) => {
            const person = people.get(m.authorId);
            return person ? { ...m, authorName: person.name, avatarUrl: m.avatarUrl ?? person.avatarUrl } : m;
          })
        : messages,
    [messages, people],
  );

  return (
    <>
      <MessageList
        messages={shown}
        actions={actions}
        hasOlder={hasOlder}
        loadOlder={loadOlder}
        highlightId={highlightId}
        emptyTitle={`Welcome to #${channel.name}!`}
        emptyText={channel.description ?? "This is the start of the channel."}
      />
      <Composer
        placeholder={label}
        disabledReason={postingBlockedReason(channel, role) ?? limits.timedOutReason}
        status={limits.status}
        canSend={limits.canSend}
        replyingTo={replyingTo}
        onCancelReply={() => setReplyingTo(null)}
        onSend={(content) => void send(content)}
        onTyping={(isTyping) => client?.socket.emit("typing", { channel_id: channel.id, is_typing: isTyping })}
      />
      <TypingIndicator names={typingNames} />
    </>
  );
}
