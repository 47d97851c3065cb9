"use client";

import { useCallback, useEffect, useMemo, useSyncExternalStore } from "react";
import { useAppState } from "@/components/app/app-state";
import type { Attachment } from "@/lib/api/entities";
import { newNonce } from "@/lib/format";
import { useOutbox } from "../outbox-provider";
import { pendingKey, type ChatMessage } from "../types";
import type { MessageSource } from "./source";

interface OptimisticSendOptions {
  source: MessageSource;
  /** Names the conversation in the tab's outbox: `channel:7`. */
  conversation: string;
  /** Takes a message the server stored. */
  receive: (message: ChatMessage) => void;
  /** As a message goes off. */
  onSending: () => void;
  /** True when the error is shown some other way than a toast (the composer's wait, a notice). */
  explain: (error: unknown) => boolean;
}

/**
 * Sending shows the message at once, pending; the answer (or the live event, matched by nonce)
 * confirms it in place. Messages wait in the tab's outbox, in order, while the server cannot be
 * reached, and survive leaving the conversation; see Outbox for failures and retries.
 * `unsent` are this conversation's messages still in the outbox.
 */
export function useOptimisticSend({ source, conversation, receive, onSending, explain }: OptimisticSendOptions) {
  const { me } = useAppState();
  const outbox = useOutbox();
  const all = useSyncExternalStore(outbox.subscribe, outbox.unsent, outbox.unsent);
  const unsent = useMemo(() => all.filter((u) => u.conversation === conversation).map((u) => u.message), [all, conversation]);

  useEffect(() => outbox.listen(conversation, { confirmed: receive, explain }), [outbox, conversation, receive, explain]);

  const send = useCallback(
    (content: string, replyTo: number | null, attachments: Attachment[] = []) => {
      const nonce = newNonce();
      const message: ChatMessage = {
        key: pendingKey(me.id, nonce),
        id: null,
        authorId: me.id,
        authorName: me.username,
        avatarUrl: me.avatar_url,
        content,
        // What the server will store: "image" when every file is an image, "file" when any is not.
        type: attachments.length === 0 ? "text" : attachments.every((a) => a.thumbnail_url) ? "image" : "file",
        createdAt: new Date().toISOString(),
        editedAt: null,
        replyTo,
        attachments,
        nonce,
        reactions: [],
        pinned: false,
        // Bots have no browser session: whoever sends here is a person.
        isBot: false,
        webhookId: null,
        ai: null,
        state: "pending",
      };
      onSending();
      outbox.send(conversation, message, (client) => source.send({ content, nonce, replyTo, attachments }, client));
    },
    [me, onSending, outbox, conversation, source],
  );

  const retry = useCallback((message: ChatMessage) => outbox.retry(message.key), [outbox]);
  const dismiss = useCallback((message: ChatMessage) => outbox.dismiss(message.key), [outbox]);

  return { unsent, send, retry, dismiss };
}
