"use client";

import { useCallback, useMemo, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useToast } from "@/components/ui/toast";
import type { MessageActions } from "../message-item";
import type { ChatMessage } from "../types";
import type { MessageSource } from "./source";
import type { ChatMessageStore } from "./use-chat-messages";

interface ActionOptions extends Pick<MessageActions, "onReply" | "onRetry" | "onDismiss" | "onJumpTo" | "onMarkUnread" | "onOpenProfile"> {
  source: MessageSource;
  store: Pick<ChatMessageStore, "receive" | "remove">;
  /** May delete other people's messages (owners and admins of a community). */
  canModerate: boolean;
  explain: (error: unknown) => boolean;
  /** As an edit box closes, saved or cancelled. */
  onEditEnd: () => void;
}

/**
 * What a message offers: replying, editing one's own and deleting, where the source has them.
 * One message at a time is edited (`editingKey`), and one delete is confirmed at a time in the
 * pane's one dialog (`deleting`, then `confirmDelete` or `cancelDelete`).
 */
export function useMessageActions({ source, store, canModerate, explain, onReply, onRetry, onDismiss, onJumpTo, onMarkUnread, onOpenProfile, onEditEnd }: ActionOptions) {
  const { me } = useAppState();
  const toast = useToast();
  const { receive, remove } = store;
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ChatMessage | null>(null);

  const actions = useMemo<MessageActions>(() => {
    const { edit } = source;
    const endEdit = () => {
      setEditingKey(null);
      onEditEnd();
    };
    return {
      canReply: !!source.replies,
      // The server posts system messages in the name of whoever pinned or joined: nobody edits
      // them, and only moderators delete them.
      canEdit: (m) => !!edit && m.type !== "system" && m.authorId === me.id,
      canDelete: (m) => !!source.remove && ((m.type !== "system" && m.authorId === me.id) || canModerate),
      onReply,
      onStartEdit: (m) => setEditingKey(m.key),
      onCancelEdit: endEdit,
      onEdit: async (m, content) => {
        endEdit();
        try {
          if (edit) receive(await edit(m.id!, content));
        } catch (error) {
          if (!explain(error)) toast.error(error instanceof Error ? error.message : "Could not edit the message");
        }
      },
      onDelete: setDeleting,
      onRetry,
      onDismiss,
      onJumpTo,
      onMarkUnread,
      onOpenProfile,
    };
  }, [source, me.id, canModerate, receive, explain, toast, onReply, onRetry, onDismiss, onJumpTo, onMarkUnread, onOpenProfile, onEditEnd]);

  const cancelDelete = useCallback(() => setDeleting(null), []);
  const confirmDelete = useCallback(async () => {
    const message = deleting;
    setDeleting(null);
    if (!message || !source.remove) return;
    try {
      await source.remove(message.id!);
      remove(message.id!);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not delete the message");
    }
  }, [deleting, source, remove, toast]);

  return { actions, editingKey, deleting, confirmDelete, cancelDelete };
}
