"use client";

import { useCallback } from "react";
import { useAppState } from "@/components/app/app-state";
import { useRealtime } from "@/components/realtime/realtime-provider";
import { useToast } from "@/components/ui/toast";
import { ApiRequestError } from "@/lib/api-client";
import { newNonce } from "@/lib/format";
import type { ChatMessage } from "../types";
import type { MessageSource } from "./source";
import type { ChatMessageStore } from "./use-chat-messages";

interface OptimisticSendOptions {
  source: MessageSource;
  store: Pick<ChatMessageStore, "addPending" | "receive" | "setState" | "setMessages">;
  /** As a message goes off, retries included. */
  onSending: () => void;
  /** True when the error is shown some other way than a toast (the composer's wait, a notice). */
  explain: (error: unknown) => boolean;
}

/** The server refused the message for a reason sending it again will not change (a block, a rule). */
function refusedForGood(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/**
 * Sending shows the message at once, pending; the answer (or the live event, matched by nonce)
 * confirms it in place. A failed one stays, marked, until retried with the same nonce (so a send
 * that did reach the server is not posted twice) or dismissed; a refused one can only be dismissed.
 */
export function useOptimisticSend({ source, store, onSending, explain }: OptimisticSendOptions) {
  const { me } = useAppState();
  const { client } = useRealtime();
  const toast = useToast();
  const { addPending, receive, setState, setMessages } = store;

  const send = useCallback(
    async (content: string, replyTo: number | null, nonce = newNonce()) => {
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
      onSending();
      try {
        receive(await source.send({ content, nonce, replyTo }, client));
      } catch (error) {
        setState(nonce, refusedForGood(error) ? "refused" : "failed");
        if (!explain(error)) toast.error(error instanceof Error ? error.message : "Message not sent");
      }
    },
    [addPending, me, onSending, receive, source, client, setState, explain, toast],
  );

  const dismiss = useCallback((message: ChatMessage) => setMessages((list) => list.filter((m) => m.key !== message.key)), [setMessages]);

  const retry = useCallback(
    (message: ChatMessage) => {
      dismiss(message);
      void send(message.content, message.replyTo, message.nonce ?? newNonce());
    },
    [send, dismiss],
  );

  return { send, retry, dismiss };
}
