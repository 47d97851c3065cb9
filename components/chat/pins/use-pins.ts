"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { useRealtime } from "@/components/realtime/realtime-provider";
import { useToast } from "@/components/ui/toast";
import type { PinSource } from "../pane/source";
import type { ChatMessageStore } from "../pane/use-chat-messages";
import type { ChatMessage } from "../types";

/**
 * Pins in a message pane: the pinned mark of its messages follows the live events, and those who
 * may pin (`canPin`) pin or unpin a message after confirming it in the pane's one dialog
 * (`confirming`, then `confirm` or `cancel`).
 */
export function usePins(source: PinSource | undefined, store: Pick<ChatMessageStore, "setMessages">, canPin: boolean) {
  const { client } = useRealtime();
  const toast = useToast();
  const { setMessages } = store;
  const [confirming, setConfirming] = useState<ChatMessage | null>(null);

  const mark = useCallback(
    (messageId: number, pinned: boolean) => setMessages((list) => list.map((m) => (m.id === messageId ? { ...m, pinned } : m))),
    [setMessages],
  );

  useEffect(() => {
    if (!client || !source) return;
    return source.subscribe(client, mark);
  }, [client, source, mark]);

  const cancel = useCallback(() => setConfirming(null), []);
  const confirm = useCallback(async () => {
    const message = confirming;
    setConfirming(null);
    if (!message || !source) return;
    try {
      await (message.pinned ? source.unpin : source.pin)(message.id!);
      mark(message.id!, !message.pinned);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not change the pin");
    }
  }, [confirming, source, mark, toast]);

  const onTogglePin = useMemo(() => (source && canPin ? setConfirming : undefined), [source, canPin]);
  return { onTogglePin, confirming, confirm, cancel };
}
