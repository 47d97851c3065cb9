"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { CatchUp } from "@/components/assistant/catch-up";
import { useJumpRequests } from "@/components/search/jump-request";
import { useToast } from "@/components/ui/toast";
import { Composer } from "../composer";
import { DeleteMessageDialog } from "../delete-message-dialog";
import { MessageList } from "../message-list";
import { PinMessageDialog } from "../pins/pin-message-dialog";
import { usePins } from "../pins/use-pins";
import { EmojiPickerPopover } from "../reactions/emoji-picker-popover";
import { FULL_NOTICE, useReactions } from "../reactions/use-reactions";
import { TypingIndicator } from "../typing-indicator";
import { useUploads } from "../uploads/use-uploads";
import { withAuthor, type ChatMessage, type Person } from "../types";
import type { MessageSource } from "./source";
import { useHistory } from "./use-history";
import { useJumpTo } from "./use-jump-to";
import { useMessageActions } from "./use-message-actions";
import { useOptimisticSend } from "./use-optimistic-send";
import { useReadReceipt } from "./use-read-receipt";
import { useTyping } from "./use-typing";

/** What the composer shows and does about waits before the next send (slowmode, rate limits). */
export interface SendLimits {
  status: string | null;
  canSend: boolean;
  /** As a message goes off. */
  sent: () => void;
  /** True when `error` is now shown by the composer (or otherwise) instead of a toast. */
  explain: (error: unknown) => boolean;
}

interface MessagePaneProps {
  source: MessageSource;
  /** Names the source among the viewer's conversations, for its draft and unsent messages: `channel:7`. */
  conversation: string;
  initialMessages: ChatMessage[];
  /** Messages from others the viewer had not read as the pane opened: a "New messages" line goes above them. */
  unreadAtOpen?: number;
  /** Names and avatars as they are now, shown instead of those a message was sent with. */
  people?: Map<number, Person>;
  /** Authors whose messages are folded away until shown (users the viewer blocked). */
  hiddenAuthors?: ReadonlySet<number>;
  /** May delete other people's messages. */
  canModerate?: boolean;
  /** May pin and unpin messages, where the source has pins. */
  canPin?: boolean;
  placeholder: string;
  /** Why the viewer cannot post here, shown instead of the composer; null when they can. */
  disabledReason: React.ReactNode;
  limits: SendLimits;
  emptyTitle: string;
  emptyText: string;
  onOpenProfile?: (userId: number) => void;
}

/** The key of the first of the last `unread` messages from others (the first loaded one when more are unread). */
function firstUnread(messages: ChatMessage[], unread: number, me: number): string | null {
  if (unread <= 0) return null;
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].authorId !== me && ++count === unread) return messages[i].key;
  }
  return messages[0]?.key ?? null;
}

/**
 * Where catch me up starts when the unread messages begin at `key`: that message's id, if others
 * wrote something from there on (joins alone, or blocked users' words, give nothing to summarise).
 */
function catchUpStart(messages: ChatMessage[], key: string | null, me: number, hidden: ReadonlySet<number> | undefined): number | null {
  const start = key === null ? -1 : messages.findIndex((m) => m.key === key);
  if (start === -1) return null;
  return messages.slice(start).some((m) => m.type !== "system" && m.authorId !== me && !hidden?.has(m.authorId)) ? messages[start].id : null;
}

/**
 * The messages of a channel or DM with the composer under them: history with infinite scroll up,
 * optimistic sends, read receipts, a draft kept per conversation and, where the source has them,
 * replies, edits (Up in an empty composer edits the last one), deletions (confirmed in one dialog),
 * typing and catch me up. Each view passes what differs through its source.
 */
export function MessagePane({
  source,
  conversation,
  initialMessages,
  unreadAtOpen = 0,
  people,
  hiddenAuthors,
  canModerate = false,
  canPin = false,
  placeholder,
  disabledReason,
  limits,
  emptyTitle,
  emptyText,
  onOpenProfile,
}: MessagePaneProps) {
  const { me } = useAppState();
  const [replyingTo, setReplyingTo] = useState<ChatMessage | null>(null);
  const composerInput = useRef<HTMLTextAreaElement>(null);
  const toast = useToast();
  const uploads = useUploads();
  const [dropping, setDropping] = useState(false);
  const [firstUnreadKey, setFirstUnreadKey] = useState(() => firstUnread(initialMessages, unreadAtOpen, me.id));
  // What was unread as the pane opened (or from a "Mark unread" on): the messages that come while it is open are read.
  const [catchUpFrom, setCatchUpFrom] = useState(() => catchUpStart(initialMessages, firstUnreadKey, me.id, hiddenAuthors));
  const { seen, hold, release } = useReadReceipt(source.markRead);
  const typing = useTyping(source, people, hiddenAuthors);
  const { stopped } = typing;
  const onArrival = useCallback(
    (message: ChatMessage) => {
      stopped(message.authorId);
      if (message.authorId !== me.id) seen();
    },
    [stopped, seen, me.id],
  );
  const history = useHistory(source, initialMessages, onArrival);
  const { sent, explain } = limits;
  // Writing counts as reading: the "New messages" line goes, and a "Mark unread" ends.
  const onSending = useCallback(() => {
    setReplyingTo(null);
    setFirstUnreadKey(null);
    setCatchUpFrom(null);
    release();
    sent();
  }, [sent, release]);
  const onMarkUnread = useCallback(
    (message: ChatMessage) => {
      setFirstUnreadKey(message.key);
      setCatchUpFrom(message.id);
      hold();
      source.markUnread(message.id!).catch((error: unknown) => toast.error(error instanceof Error ? error.message : "Could not mark it unread"));
    },
    [source, hold, toast],
  );
  const { unsent, send, retry, dismiss } = useOptimisticSend({ source, conversation, receive: history.receive, onSending, explain });
  const { highlightId, jumpTo } = useJumpTo(history.loadAround);
  const onJumpTo = useCallback((id: number) => void jumpTo(id), [jumpTo]);
  useJumpRequests(conversation, onJumpTo);
  const onEditEnd = useCallback(() => composerInput.current?.focus(), []);
  const { actions, editingKey, deleting, confirmDelete, cancelDelete } = useMessageActions({
    source,
    store: history,
    canModerate,
    explain,
    onReply: setReplyingTo,
    onRetry: retry,
    onDismiss: dismiss,
    onJumpTo,
    onMarkUnread,
    onOpenProfile,
    onEditEnd,
  });

  const reactions = useReactions(source.reactions, history);
  const pins = usePins(source.pins, history, canPin);
  const paneActions = useMemo(() => ({ ...actions, reactions: reactions.actions, onTogglePin: pins.onTogglePin }), [actions, reactions.actions, pins.onTogglePin]);

  const editLast = () => {
    const last = history.messages.findLast((m) => m.state === "sent" && actions.canEdit(m));
    if (last) actions.onStartEdit(last);
    return !!last;
  };

  const shown = useMemo(() => {
    // A message's live event may come before its send's answer: the stored copy is shown then.
    const stored = new Set(history.messages.map((m) => m.key));
    const all = [...history.messages, ...unsent.filter((m) => !stored.has(m.key))];
    return people ? all.map((m) => withAuthor(m, people.get(m.authorId))) : all;
  }, [history.messages, unsent, people]);

  // Files dropped anywhere on the pane go to the composer, as in Discord.
  const dropHandlers = disabledReason
    ? {}
    : {
        onDragOver: (event: React.DragEvent) => {
          if (!event.dataTransfer.types.includes("Files")) return;
          event.preventDefault();
          setDropping(true);
        },
        onDragLeave: (event: React.DragEvent) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
        },
        onDrop: (event: React.DragEvent) => {
          if (!event.dataTransfer.files.length) return;
          event.preventDefault();
          setDropping(false);
          uploads.add([...event.dataTransfer.files]);
        },
      };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col" {...dropHandlers}>
      {dropping && (
        <div aria-hidden className="pointer-events-none absolute inset-2 z-10 flex items-center justify-center rounded-lg border-2 border-dashed border-aura-500 bg-main/80 text-lg font-semibold text-strong">
          Drop files to send them
        </div>
      )}
      {source.summarize && <CatchUp fromMessageId={catchUpFrom} summarize={source.summarize} isMember={(id) => !!people?.has(id)} />}
      <MessageList
        messages={shown}
        actions={paneActions}
        editingKey={editingKey}
        hiddenAuthors={hiddenAuthors}
        hasOlder={history.hasOlder}
        loadOlder={history.loadOlder}
        highlightId={highlightId}
        firstUnreadKey={firstUnreadKey}
        detached={history.detached}
        loadLatest={() => history.loadLatest().catch(() => toast.error("Could not load the newest messages"))}
        emptyTitle={emptyTitle}
        emptyText={emptyText}
      />
      <Composer
        placeholder={placeholder}
        disabledReason={disabledReason}
        draftKey={`${me.id}:${conversation}`}
        inputRef={composerInput}
        onEditLast={editLast}
        status={limits.status}
        canSend={limits.canSend}
        replyingTo={replyingTo}
        onCancelReply={() => setReplyingTo(null)}
        onSend={(content, attachments) => send(content, replyingTo?.id ?? null, attachments)}
        uploads={disabledReason ? undefined : uploads}
        onTyping={typing.emit}
      />
      {source.typing && <TypingIndicator names={typing.names} />}
      <DeleteMessageDialog message={deleting} onCancel={cancelDelete} onConfirm={() => void confirmDelete()} />
      <PinMessageDialog message={pins.confirming} onCancel={pins.cancel} onConfirm={() => void pins.confirm()} />
      <EmojiPickerPopover
        anchor={reactions.picking?.anchor ?? null}
        label="Add a reaction"
        notice={reactions.picking?.full ? FULL_NOTICE : null}
        onSelect={reactions.choose}
        onClose={reactions.closePicker}
      />
    </div>
  );
}
