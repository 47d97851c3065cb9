"use client";

import { useCallback, useMemo } from "react";
import { useAppState } from "@/components/app/app-state";
import { useUnread } from "@/components/app/unread-state";
import { MessagePane } from "@/components/chat/pane/message-pane";
import { fromDirectMessage } from "@/components/chat/types";
import { useSendCooldown } from "@/components/chat/use-send-cooldown";
import type { DirectMessage, PublicUser } from "@/lib/api/entities";
import { ApiRequestError } from "@/lib/api-client";
import { conversationSource } from "./conversation-source";
import { useDirect } from "./direct-provider";

interface ConversationViewProps {
  peer: PublicUser;
  initialMessages: DirectMessage[];
  /** Why the caller cannot write here (a block), shown instead of the composer; null when they can. */
  disabledReason: React.ReactNode;
  /** The API refused a send because one side has blocked the other. */
  onCannotMessage: () => void;
  onOpenProfile: (userId: number) => void;
}

/** The message pane of a DM; reading it clears the conversation's unread count in the sidebar. */
export function ConversationView({ peer, initialMessages, disabledReason, onCannotMessage, onOpenProfile }: ConversationViewProps) {
  const { me } = useAppState();
  const { markConversationRead } = useDirect();
  const cooldown = useSendCooldown(0);
  const { conversationUnread } = useUnread();
  const source = useMemo(() => conversationSource(me.id, peer.id, () => markConversationRead(peer.id)), [me.id, peer.id, markConversationRead]);
  // Both sides as they are now: DMs carry no names, avatars or app tags of their own.
  const people = useMemo(
    () =>
      new Map([
        [me.id, { name: me.display_name, avatarUrl: me.avatar_url }],
        [peer.id, { name: peer.display_name, avatarUrl: peer.avatar_url, isBot: peer.is_bot }],
      ]),
    [me.id, me.display_name, me.avatar_url, peer.id, peer.display_name, peer.avatar_url, peer.is_bot],
  );

  const explainWait = cooldown.explain;
  const explain = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiRequestError && error.code === "cannot_message_user")) return explainWait(error);
      onCannotMessage();
      return true;
    },
    [explainWait, onCannotMessage],
  );

  return (
    <MessagePane
      source={source}
      conversation={`dm:${peer.id}`}
      initialMessages={initialMessages.map(fromDirectMessage)}
      unreadAtOpen={conversationUnread(peer.id)}
      people={people}
      placeholder={`Message @${peer.display_name}`}
      disabledReason={disabledReason}
      limits={{ ...cooldown, explain }}
      emptyTitle={peer.display_name}
      emptyText={`This is the beginning of your direct message history with @${peer.username}.`}
      onOpenProfile={onOpenProfile}
    />
  );
}
