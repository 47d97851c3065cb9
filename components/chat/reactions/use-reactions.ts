"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useRealtime } from "@/components/realtime/realtime-provider";
import { useToast } from "@/components/ui/toast";
import type { ChatMessageStore } from "../pane/use-chat-messages";
import type { ReactionSource } from "../pane/source";
import type { ChatMessage } from "../types";
import { applyReaction, MAX_DISTINCT_REACTIONS, reactionsFull } from "./reactions";

/** What a message row offers about reactions. */
export interface ReactionActions {
  /** Adds the viewer's reaction with `emoji`, or takes it back. */
  toggle: (message: ChatMessage, emoji: string) => void;
  /** Opens the emoji picker beside `anchor`, to react to `message`. */
  pick: (message: ChatMessage, anchor: HTMLElement) => void;
  /** The display names of the first `limit` who reacted with `emoji`. */
  whoReacted: (message: ChatMessage, emoji: string, limit: number) => Promise<string[]>;
}

export const FULL_NOTICE = `A message takes at most ${MAX_DISTINCT_REACTIONS} different reactions: add yours to one of them.`;

/**
 * The reactions of a pane's messages: the viewer's own shown at once and taken back if the API
 * refuses, everyone's as their events come, and the one emoji picker of the pane (`picking`).
 * Null actions where the source has no reactions.
 */
export function useReactions(source: ReactionSource | undefined, store: Pick<ChatMessageStore, "messages" | "setMessages">) {
  const { me } = useAppState();
  const { client } = useRealtime();
  const toast = useToast();
  const { messages, setMessages } = store;
  const [picking, setPicking] = useState<{ messageId: number; anchor: HTMLElement } | null>(null);

  const patch = useCallback(
    (messageId: number, emoji: string, added: boolean, byViewer: boolean) =>
      setMessages((list) => list.map((m) => (m.id === messageId ? { ...m, reactions: applyReaction(m.reactions, emoji, added, byViewer) } : m))),
    [setMessages],
  );

  useEffect(() => {
    if (!client || !source) return;
    return source.subscribe(client, (event) => patch(event.messageId, event.emoji, event.added, event.userId === me.id));
  }, [client, source, patch, me.id]);

  const actions = useMemo<ReactionActions | null>(() => {
    if (!source) return null;
    return {
      toggle: (message, emoji) => {
        const adding = !message.reactions.some((r) => r.emoji === emoji && r.me);
        if (adding && reactionsFull(message.reactions, emoji)) return toast.error(FULL_NOTICE);
        patch(message.id!, emoji, adding, true);
        (adding ? source.add : source.remove)(message.id!, emoji).catch((error: unknown) => {
          patch(message.id!, emoji, !adding, true);
          toast.error(error instanceof Error ? error.message : "Could not change the reaction");
        });
      },
      pick: (message, anchor) => setPicking({ messageId: message.id!, anchor }),
      whoReacted: async (message, emoji, limit) => (await source.users(message.id!, emoji, limit)).map((user) => user.display_name),
    };
  }, [source, patch, toast]);

  const target = picking && messages.find((m) => m.id === picking.messageId);
  const choose = useCallback(
    (emoji: string) => {
      if (!target || !actions) return setPicking(null);
      if (reactionsFull(target.reactions, emoji)) return;
      setPicking(null);
      if (!target.reactions.some((r) => r.emoji === emoji && r.me)) actions.toggle(target, emoji);
    },
    [target, actions],
  );

  const closePicker = useCallback(() => setPicking(null), []);

  return {
    actions,
    /** Where the picker is open, while its message is still in the list, and whether that one is full. */
    picking: target ? { anchor: picking!.anchor, full: target.reactions.length >= MAX_DISTINCT_REACTIONS } : null,
    choose,
    closePicker,
  };
}
