"use client";

import { useMemo } from "react";
import { useAppState } from "@/components/app/app-state";
import { useToast } from "@/components/ui/toast";
import type { MessageActions } from "../message-item";
import type { MessageSource } from "./source";
import type { ChatMessageStore } from "./use-chat-messages";

interface ActionOptions extends Pick<MessageActions, "onReply" | "onRetry" | "onJumpTo" | "onOpenProfile"> {
  source: MessageSource;
  store: Pick<ChatMessageStore, "receive" | "remove">;
  /** May delete other people's messages (owners and admins of a community). */
  canModerate: boolean;
  explain: (error: unknown) => boolean;
}

/** What a message offers: replying, editing one's own and deleting, where the source has them. */
export function useMessageActions({ source, store, canModerate, explain, onReply, onRetry, onJumpTo, onOpenProfile }: ActionOptions): MessageActions {
  const { me } = useAppState();
  const toast = useToast();
  const { receive, remove } = store;

  return useMemo<MessageActions>(() => {
    const { edit, remove: erase } = source;
    return {
      canReply: !!source.replies,
      canEdit: (m) => !!edit && m.authorId === me.id,
      canDelete: (m) => !!erase && (m.authorId === me.id || canModerate),
      onReply,
      onEdit: async (m, content) => {
        try {
          if (edit) receive(await edit(m.id!, content));
        } catch (error) {
          if (!explain(error)) toast.error(error instanceof Error ? error.message : "Could not edit the message");
        }
      },
      onDelete: async (m) => {
        if (!erase) return;
        try {
          await erase(m.id!);
          remove(m.id!);
        } catch (error) {
          toast.error(error instanceof Error ? error.message : "Could not delete the message");
        }
      },
      onRetry,
      onJumpTo,
      onOpenProfile,
    };
  }, [source, me.id, canModerate, receive, remove, explain, toast, onReply, onRetry, onJumpTo, onOpenProfile]);
}
