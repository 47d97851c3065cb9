"use client";

import { memo, useEffect, useRef, useState } from "react";
import { useMentionAutocomplete, useMentionCodec } from "@/components/mentions/mention-autocomplete";
import { namedMentions } from "@/components/mentions/mention-codec";
import { useMentionScope } from "@/components/mentions/mention-context";
import { AppTag } from "@/components/ui/app-tag";
import { Avatar } from "@/components/ui/avatar";
import { EditIcon, PinIcon, ReplyIcon, SmilePlusIcon, TrashIcon, UnreadIcon } from "@/components/ui/icons";
import { writtenSoFar } from "@/lib/ai-writing";
import { messageTimestamp, shortTime } from "@/lib/format";
import { AiBadge } from "./ai-badge";
import { Attachments } from "./attachments";
import { Markdown, plainText } from "./markdown";
import { ReactionBar } from "./reactions/reaction-bar";
import type { ReactionActions } from "./reactions/use-reactions";
import { SystemMessage } from "./system-message";
import type { ChatMessage } from "./types";
import { WritingCaret } from "./writing-caret";

export interface MessageActions {
  canReply: boolean;
  canEdit: (message: ChatMessage) => boolean;
  canDelete: (message: ChatMessage) => boolean;
  onReply: (message: ChatMessage) => void;
  /** Opens the message's edit box (one at a time in a pane). */
  onStartEdit: (message: ChatMessage) => void;
  onCancelEdit: () => void;
  onEdit: (message: ChatMessage, content: string) => Promise<void>;
  /** Asks to confirm, in the pane's one delete dialog. */
  onDelete: (message: ChatMessage) => void;
  onRetry: (message: ChatMessage) => void;
  /** Drops a message that was not sent. */
  onDismiss: (message: ChatMessage) => void;
  onJumpTo: (messageId: number) => void;
  /** Moves the viewer's read position back to just before this message. */
  onMarkUnread: (message: ChatMessage) => void;
  onOpenProfile?: (userId: number) => void;
  /** Where the source has reactions. */
  reactions?: ReactionActions | null;
  /** Asks to confirm pinning or unpinning, for those who may. */
  onTogglePin?: (message: ChatMessage) => void;
}

interface MessageItemProps {
  message: ChatMessage;
  /** Same author as the previous message, shortly after: no avatar or name. */
  grouped: boolean;
  parent: ChatMessage | null | undefined;
  highlighted: boolean;
  editing: boolean;
  actions: MessageActions;
  /** Whether a toolbar above `row` would be cut off by the top of the pane. */
  atPaneTop: (row: HTMLElement) => boolean;
}

function ReplyPreview({ message, parent, onJumpTo }: { message: ChatMessage; parent: ChatMessage | null | undefined; onJumpTo: (id: number) => void }) {
  const mentionable = useMentionScope()?.byId;
  if (message.replyTo === null) return null;
  return (
    <button
      type="button"
      onClick={() => onJumpTo(message.replyTo!)}
      className="mb-0.5 ml-12 flex max-w-full items-center gap-1.5 truncate text-left text-xs text-muted hover:text-strong"
    >
      <ReplyIcon className="size-3.5 shrink-0 -scale-x-100" />
      {/* The name starts with what the button does and goes on with the text it shows. */}
      <span className="sr-only">Jump to the message this replies to:</span>
      {parent ? (
        <>
          <span className="font-semibold text-normal">@{parent.authorName}</span>
          <span className="truncate">{plainText(namedMentions(shownContent(parent).text, mentionable))}</span>
        </>
      ) : (
        <span className="italic">Original message</span>
      )}
    </button>
  );
}

function EditBox({ initial, onSave: save, onCancel }: { initial: string; onSave: (content: string) => void; onCancel: () => void }) {
  const codec = useMentionCodec();
  const [value, setValue] = useState(() => codec.decode(initial));
  const input = useRef<HTMLTextAreaElement>(null);
  const mention = useMentionAutocomplete(input, value, setValue);
  const onSave = (text: string) => save(mention.encode(text));
  return (
    <div className="relative">
      {mention.popup}
      <textarea
        ref={input}
        aria-label="Edit message"
        autoFocus
        value={value}
        {...mention.inputProps}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (mention.onKeyDown(event)) return;
          if (event.key === "Escape") onCancel();
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            if (value.trim()) onSave(value);
          }
        }}
        rows={Math.min(8, value.split("\n").length)}
        className="w-full resize-none rounded-md bg-raised px-3 py-2 text-normal outline-none focus:ring-2 focus:ring-aura-500"
      />
      <p className="text-xs text-muted">Escape to cancel · Enter to save</p>
    </div>
  );
}

/** What a message says so far: an AI reply being written shows without its writing mark. */
function shownContent(message: ChatMessage): { text: string; writing: boolean } {
  return message.type === "ai" ? writtenSoFar(message.content) : { text: message.content, writing: false };
}

/** A message written while the server cannot be reached: it goes when the connection is back. */
function SendWaiting({ message, actions }: { message: ChatMessage; actions: MessageActions }) {
  return (
    <p className="text-sm text-muted">
      Waiting for the connection, sends when you are back —{" "}
      <button type="button" className="font-semibold underline" onClick={() => actions.onDismiss(message)}>
        Cancel
      </button>
    </p>
  );
}

/** What a failed or refused send says, and what can be done about it. */
function SendFailure({ message, actions }: { message: ChatMessage; actions: MessageActions }) {
  const retryable = message.state === "failed";
  return (
    <p className="text-sm text-red-400">
      {retryable ? "Failed to send" : "This message could not be delivered"} —{" "}
      {retryable && (
        <>
          <button type="button" className="font-semibold underline" onClick={() => actions.onRetry(message)}>
            Retry
          </button>{" "}
          ·{" "}
        </>
      )}
      <button type="button" className="font-semibold underline" onClick={() => actions.onDismiss(message)}>
        Dismiss
      </button>
    </p>
  );
}

/**
 * The row's hover toolbar is shown by a tap on touch screens, where nothing hovers, until a tap
 * elsewhere. It sits above the row, or inside it where the pane's top would cut it off.
 */
function useToolbarPlacement(atPaneTop: (row: HTMLElement) => boolean) {
  const row = useRef<HTMLLIElement>(null);
  const pointer = useRef("mouse");
  const [tapped, setTapped] = useState(false);
  const [inside, setInside] = useState(false);

  useEffect(() => {
    if (!tapped) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!row.current?.contains(event.target as Node)) setTapped(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [tapped]);

  const place = () => {
    if (row.current) setInside(atPaneTop(row.current));
  };
  const handlers = {
    ref: row,
    onPointerEnter: place,
    onFocus: place,
    onPointerDown: (event: React.PointerEvent) => {
      pointer.current = event.pointerType;
    },
    onClick: (event: React.MouseEvent) => {
      if (pointer.current === "mouse" || (event.target as Element).closest("button, a, textarea")) return;
      place();
      setTapped(true);
    },
  };
  return { handlers, tapped, inside };
}

/** Discord's row for a message that mentions the viewer: an amber bar on the left and a tint. */
const MENTIONED_ROW = "shadow-[inset_2px_0_0_var(--color-amber-500)] bg-amber-400/10 hover:bg-amber-400/15 dark:bg-amber-400/[0.08] dark:hover:bg-amber-400/[0.12]";

/** A model's message: a violet bar on the left (not a border: the row's content stays in line) and a tint. */
const AI_ROW = "shadow-[inset_2px_0_0_var(--color-aura-400)] bg-aura-500/5";

function MessageItemInner({ message, grouped, parent, highlighted, editing, actions, atPaneTop }: MessageItemProps) {
  const { handlers, tapped, inside } = useToolbarPlacement(atPaneTop);
  const viewer = useMentionScope()?.me;
  const mentionsViewer = !!message.mentionEveryone || (viewer !== undefined && !!message.mentions?.includes(viewer));
  const sent = message.state === "sent";
  const canEdit = sent && actions.canEdit(message);
  const canDelete = sent && actions.canDelete(message);
  const showHeader = !grouped || message.replyTo !== null;
  const { text, writing } = shownContent(message);

  if (message.type === "system") return <SystemMessage message={message} highlighted={highlighted} actions={actions} />;

  return (
    <li
      {...handlers}
      id={message.id ? `message-${message.id}` : undefined}
      data-message-state={message.state}
      data-mentions-me={mentionsViewer || undefined}
      data-highlighted={highlighted || undefined}
      aria-busy={writing || undefined}
      className={`group relative px-4 ${showHeader ? "mt-3 pt-0.5" : ""} py-0.5 hover:bg-black/5 dark:hover:bg-white/[0.03] ${tapped ? "bg-black/5 dark:bg-white/[0.03]" : ""} ${
        highlighted ? "bg-amber-400/10 ring-1 ring-amber-400/40" : ""
      } ${message.type === "ai" ? AI_ROW : ""} ${mentionsViewer ? MENTIONED_ROW : ""}`}
    >
      <ReplyPreview message={message} parent={parent} onJumpTo={actions.onJumpTo} />
      <div className="flex gap-3">
        <div className="w-10 shrink-0">
          {showHeader ? (
            // The author's name beside it is the accessible way in; the avatar is a mouse shortcut.
            <button type="button" tabIndex={-1} aria-hidden onClick={() => actions.onOpenProfile?.(message.authorId)} className="rounded-full">
              <Avatar name={message.authorName} url={message.avatarUrl} size={40} />
            </button>
          ) : (
            <time dateTime={message.createdAt} className="hidden pt-1 text-right text-[10px] text-muted group-hover:block">
              {shortTime(message.createdAt)}
            </time>
          )}
        </div>
        <div className="min-w-0 flex-1">
          {showHeader && (
            <div className="flex items-baseline gap-2">
              <button type="button" onClick={() => actions.onOpenProfile?.(message.authorId)} className="font-semibold text-strong hover:underline">
                {message.authorName}
              </button>
              {message.isBot && <AppTag />}
              <time className="text-xs text-muted" dateTime={message.createdAt}>
                {messageTimestamp(message.createdAt)}
              </time>
            </div>
          )}
          {message.ai && <AiBadge ai={message.ai} />}
          {editing ? (
            <EditBox initial={message.content} onCancel={actions.onCancelEdit} onSave={(content) => void actions.onEdit(message, content)} />
          ) : (
            <div className={`break-words whitespace-pre-wrap ${message.state === "pending" || message.state === "queued" ? "opacity-50" : ""}`}>
              <Markdown content={text} everyone={message.mentionEveryone} />
              {writing && <WritingCaret started={text !== ""} />}
              {/* A model's reply streams in as edits: they are its writing, not a correction. */}
              {message.editedAt && message.type !== "ai" && (
                <span className="ml-1 text-[10px] text-muted" title={`Edited ${messageTimestamp(message.editedAt)}`}>
                  (edited)
                </span>
              )}
              {message.pinned && (
                <span className="ml-1 inline-flex align-middle text-muted" title="Pinned">
                  <PinIcon className="size-3" />
                  <span className="sr-only">(pinned)</span>
                </span>
              )}
            </div>
          )}
          <Attachments attachments={message.attachments} />
          <ReactionBar message={message} actions={actions.reactions} />
          {message.state === "pending" && <p className="sr-only">Sending…</p>}
          {message.state === "queued" && <SendWaiting message={message} actions={actions} />}
          {(message.state === "failed" || message.state === "refused") && <SendFailure message={message} actions={actions} />}
        </div>
      </div>
      {sent && !editing && (
        <div
          role="toolbar"
          aria-label={`Actions for message from ${message.authorName}`}
          // Hidden, it takes no taps: a tap there must not reply, edit or delete unseen.
          className={`absolute right-4 flex rounded-md border border-subtle bg-sidebar shadow ${inside ? "top-1" : "-top-3"} ${
            tapped ? "" : "pointer-events-none opacity-0 group-hover:pointer-events-auto group-hover:opacity-100 focus-within:pointer-events-auto focus-within:opacity-100"
          }`}
        >
          {actions.reactions && (
            <button type="button" aria-label="Add reaction" title="Add reaction" onClick={(event) => actions.reactions!.pick(message, event.currentTarget)} className="p-1.5 text-muted hover:text-strong focus-visible:text-strong">
              <SmilePlusIcon className="size-4" />
            </button>
          )}
          {actions.canReply && (
            <button type="button" aria-label="Reply" title="Reply" onClick={() => actions.onReply(message)} className="p-1.5 text-muted hover:text-strong focus-visible:text-strong">
              <ReplyIcon className="size-4" />
            </button>
          )}
          {canEdit && (
            <button type="button" aria-label="Edit" title="Edit" onClick={() => actions.onStartEdit(message)} className="p-1.5 text-muted hover:text-strong focus-visible:text-strong">
              <EditIcon className="size-4" />
            </button>
          )}
          {actions.onTogglePin && (
            <button
              type="button"
              aria-label={message.pinned ? "Unpin message" : "Pin message"}
              title={message.pinned ? "Unpin message" : "Pin message"}
              onClick={() => actions.onTogglePin!(message)}
              className="p-1.5 text-muted hover:text-strong focus-visible:text-strong"
            >
              <PinIcon className="size-4" />
            </button>
          )}
          <button type="button" aria-label="Mark unread" title="Mark unread" onClick={() => actions.onMarkUnread(message)} className="p-1.5 text-muted hover:text-strong focus-visible:text-strong">
            <UnreadIcon className="size-4" />
          </button>
          {canDelete && (
            <button type="button" aria-label="Delete" title="Delete" onClick={() => actions.onDelete(message)} className="p-1.5 text-red-400 hover:text-red-300">
              <TrashIcon className="size-4" />
            </button>
          )}
        </div>
      )}
    </li>
  );
}

export const MessageItem = memo(MessageItemInner);
