"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useCooldown } from "@/components/app/use-deadline";
import { Composer } from "@/components/chat/composer";
import type { MessageActions } from "@/components/chat/message-item";
import { MessageList } from "@/components/chat/message-list";
import { fromDirectMessage } from "@/components/chat/types";
import { useChatMessages } from "@/components/chat/use-chat-messages";
import { useRealtime, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { useToast } from "@/components/ui/toast";
import type { DirectMessage, PublicUser } from "@/lib/api/entities";
import { ApiRequestError, apiFetch } from "@/lib/api-client";
import { newNonce, shortDuration } from "@/lib/format";
import { useDirect } from "./direct-provider";

const PAGE = 50;
const READ_DELAY_MS = 300;
const noop = () => undefined;
const noopAsync = async () => undefined;

interface ConversationViewProps {
  peer: PublicUser;
  initialMessages: DirectMessage[];
  /** Why the caller cannot write here (a block), or null. */
  disabledReason: string | null;
  /** The API refused a send because one side has blocked the other. */
  onCannotMessage: () => void;
  onOpenProfile: (userId: number) => void;
}

/**
 * The message pane of a DM: history with infinite scroll up, optimistic sends confirmed by the
 * response or the live event (matched by nonce), and read receipts while the conversation is seen.
 * DMs have no replies, edits or deletions.
 */
export function ConversationView({ peer, initialMessages, disabledReason, onCannotMessage, onOpenProfile }: ConversationViewProps) {
  const { me } = useAppState();
  const { client, connection } = useRealtime();
  const { markConversationRead } = useDirect();
  const toast = useToast();
  // A 429 (rate_limited) shows its wait under the composer instead of a toast.
  const wait = useCooldown();
  const startWait = wait.start;
  const names = useMemo(
    () =>
      new Map([
        [me.id, { name: me.display_name, avatarUrl: me.avatar_url }],
        [peer.id, { name: peer.display_name, avatarUrl: peer.avatar_url }],
      ]),
    [me.id, me.display_name, me.avatar_url, peer.id, peer.display_name, peer.avatar_url],
  );
  const { messages, receive, addPending, setState, prependOlder, setMessages } = useChatMessages(initialMessages.map((m) => fromDirectMessage(m, names)));
  const [hasOlder, setHasOlder] = useState(initialMessages.length === PAGE);
  const readTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const newestId = useRef(initialMessages.at(-1)?.id ?? 0);
  // Whether the peer may have written something the caller has not marked read yet.
  const unseen = useRef(true);

  const markRead = useCallback(() => {
    if (readTimer.current) clearTimeout(readTimer.current);
    readTimer.current = setTimeout(() => {
      if (document.visibilityState !== "visible" || !unseen.current) return;
      unseen.current = false;
      markConversationRead(peer.id);
      void apiFetch("/api/messages/read", { body: { user_id: peer.id } }).catch(() => {
        unseen.current = true;
      });
    }, READ_DELAY_MS);
  }, [peer.id, markConversationRead]);

  useEffect(() => {
    markRead();
    const onVisible = () => document.visibilityState === "visible" && markRead();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      if (readTimer.current) clearTimeout(readTimer.current);
    };
  }, [markRead]);

  useEffect(() => {
    newestId.current = Math.max(newestId.current, ...messages.map((m) => m.id ?? 0));
  }, [messages]);

  // Messages sent between the page's render and the socket listening (or during a reconnect) are
  // fetched once connected; the client then keeps the conversation's cursor for later gaps.
  useEffect(() => {
    if (!client || connection !== "connected") return;
    const after = newestId.current;
    client.trackConversation(peer.id, after);
    apiFetch<DirectMessage[]>(`/api/messages/direct/${peer.id}?${after ? `after=${after}&` : ""}limit=${PAGE}`).then((missed) => {
      missed.forEach((m) => receive(fromDirectMessage(m, names)));
      if (missed.some((m) => m.sender_id === peer.id)) {
        unseen.current = true;
        markRead();
      }
    }, noop);
  }, [client, connection, peer.id, names, receive, markRead]);

  useRealtimeEvent("direct_message_sent", (message) => {
    const incoming = message.sender_id === peer.id && message.receiver_id === me.id;
    if (!incoming && !(message.sender_id === me.id && message.receiver_id === peer.id)) return;
    receive(fromDirectMessage(message, names));
    if (incoming) {
      unseen.current = true;
      markRead();
    }
  });

  const loadOlder = useCallback(async () => {
    const oldest = messages.find((m) => m.id !== null)?.id;
    if (!oldest) return setHasOlder(false);
    try {
      const older = await apiFetch<DirectMessage[]>(`/api/messages/direct/${peer.id}?before=${oldest}&limit=${PAGE}`);
      prependOlder(older.map((m) => fromDirectMessage(m, names)));
      if (older.length < PAGE) setHasOlder(false);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not load older messages");
    }
  }, [messages, peer.id, names, prependOlder, toast]);

  const send = useCallback(
    async (content: string, nonce = newNonce()) => {
      addPending({
        key: `p${nonce}`,
        id: null,
        authorId: me.id,
        authorName: me.display_name,
        avatarUrl: me.avatar_url,
        content,
        type: "text",
        createdAt: new Date().toISOString(),
        editedAt: null,
        replyTo: null,
        nonce,
        state: "pending",
      });
      try {
        const message = await apiFetch<DirectMessage>("/api/messages/direct/send", { body: { receiver_id: peer.id, content, nonce } });
        receive(fromDirectMessage(message, names));
      } catch (error) {
        setState(nonce, "failed");
        if (error instanceof ApiRequestError && error.code === "cannot_message_user") onCannotMessage();
        else if (error instanceof ApiRequestError && error.retryAfter()) startWait(error.retryAfter()!);
        else toast.error(error instanceof Error ? error.message : "Message not sent");
      }
    },
    [addPending, me, peer.id, names, receive, setState, onCannotMessage, toast, startWait],
  );

  const actions = useMemo<MessageActions>(
    () => ({
      canReply: false,
      canEdit: () => false,
      canDelete: () => false,
      onReply: noop,
      onEdit: noopAsync,
      onDelete: noopAsync,
      onRetry: (m) => {
        setMessages((list) => list.filter((x) => x.key !== m.key));
        void send(m.content, m.nonce ?? newNonce());
      },
      onJumpTo: noop,
      onOpenProfile,
    }),
    [send, setMessages, onOpenProfile],
  );

  // Names and avatars as they are now, not as they were when each message arrived.
  const shown = useMemo(
    () =>
      messages.map((m) => {
        const person = names.get(m.authorId);
        return person ? { ...m, authorName: person.name, avatarUrl: person.avatarUrl } : m;
      }),
    [messages, names],
  );

  return (
    <>
      <MessageList
        messages={shown}
        actions={actions}
        hasOlder={hasOlder}
        loadOlder={loadOlder}
        highlightId={null}
        emptyTitle={peer.display_name}
        emptyText={`This is the beginning of your direct message history with @${peer.username}.`}
      />
      <Composer
        placeholder={`Message @${peer.display_name}`}
        disabledReason={disabledReason}
        replyingTo={null}
        onCancelReply={noop}
        onSend={(content) => void send(content)}
        status={wait.secondsLeft > 0 ? `Slow down! You can send again in ${shortDuration(wait.secondsLeft)}.` : null}
        canSend={wait.secondsLeft === 0}
      />
    </>
  );
}
