"use client";

import { memo, useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EditIcon, ReplyIcon, TrashIcon } from "@/components/ui/icons";
import { OnceOpened } from "@/components/ui/on-demand";
import { messageTimestamp, shortTime } from "@/lib/format";
import { Markdown, plainText } from "./markdown";
import type { ChatMessage } from "./types";

export interface MessageActions {
  canReply: boolean;
  canEdit: (message: ChatMessage) => boolean;
  canDelete: (message: ChatMessage) => boolean;
  onReply: (message: ChatMessage) => void;
  onEdit: (message: ChatMessage, content: string) => Promise<void>;
  onDelete: (message: ChatMessage) => Promise<void>;
  onRetry: (message: ChatMessage) => void;
  onJumpTo: (messageId: number) => void;
  onOpenProfile?: (userId: number) => void;
}

interface MessageItemProps {
  message: ChatMessage;
  /** Same author as the previous message, shortly after: no avatar or name. */
  grouped: boolean;
  parent: ChatMessage | null | undefined;
  highlighted: boolean;
  actions: MessageActions;
}

function ReplyPreview({ message, parent, onJumpTo }: { message: ChatMessage; parent: ChatMessage | null | undefined; onJumpTo: (id: number) => void }) {
  if (message.replyTo === null) return null;
  return (
    <button
      type="button"
      onClick={() => onJumpTo(message.replyTo!)}
      className="mb-0.5 ml-12 flex max-w-full items-center gap-1.5 truncate text-left text-xs text-muted hover:text-strong"
      aria-label={parent ? `Jump to the message from ${parent.authorName} this replies to` : "Jump to the original message"}
    >
      <ReplyIcon className="size-3.5 shrink-0 -scale-x-100" />
      {parent ? (
        <>
          <span className="font-semibold text-normal">@{parent.authorName}</span>
          <span className="truncate">{plainText(parent.content)}</span>
        </>
      ) : (
        <span className="italic">Original message</span>
      )}
    </button>
  );
}

function EditBox({ initial, onSave, onCancel }: { initial: string; onSave: (content: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(initial);
  return (
    <div>
      <textarea
        aria-label="Edit message"
        autoFocus
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
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

function MessageItemInner({ message, grouped, parent, highlighted, actions }: MessageItemProps) {
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const sent = message.state === "sent";
  const canEdit = sent && actions.canEdit(message);
  const canDelete = sent && actions.canDelete(message);
  const showHeader = !grouped || message.replyTo !== null;

  if (message.type === "system") {
    return (
      <li id={message.id ? `message-${message.id}` : undefined} className="flex items-center gap-2 px-4 py-1 pl-16 text-sm text-muted italic">
        <span aria-hidden>→</span>
        <Markdown content={message.content} />
        <time className="text-xs not-italic" dateTime={message.createdAt}>
          {messageTimestamp(message.createdAt)}
        </time>
      </li>
    );
  }

  return (
    <li
      id={message.id ? `message-${message.id}` : undefined}
      data-message-state={message.state}
      className={`group relative px-4 ${showHeader ? "mt-3 pt-0.5" : ""} py-0.5 hover:bg-black/5 dark:hover:bg-white/[0.03] ${
        highlighted ? "bg-amber-400/10 ring-1 ring-amber-400/40" : ""
      } ${message.type === "ai" ? "border-l-2 border-aura-400 bg-aura-500/5" : ""}`}
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
              {message.type === "ai" && <span className="rounded bg-aura-600 px-1 text-[10px] font-bold text-white uppercase">AI</span>}
              <time className="text-xs text-muted" dateTime={message.createdAt}>
                {messageTimestamp(message.createdAt)}
              </time>
            </div>
          )}
          {editing ? (
            <EditBox
              initial={message.content}
              onCancel={() => setEditing(false)}
              onSave={(content) => {
                setEditing(false);
                void actions.onEdit(message, content);
              }}
            />
          ) : (
            <div className={`break-words whitespace-pre-wrap ${message.state === "pending" ? "opacity-50" : ""}`}>
              <Markdown content={message.content} />
              {message.editedAt && (
                <span className="ml-1 text-[10px] text-muted" title={`Edited ${messageTimestamp(message.editedAt)}`}>
                  (edited)
                </span>
              )}
            </div>
          )}
          {message.state === "pending" && <p className="sr-only">Sending…</p>}
          {message.state === "failed" && (
            <p className="text-sm text-red-400">
              Failed to send —{" "}
              <button type="button" className="font-semibold underline" onClick={() => actions.onRetry(message)}>
                Retry
              </button>
            </p>
          )}
        </div>
      </div>
      {sent && !editing && (actions.canReply || canEdit || canDelete) && (
        <div
          role="toolbar"
          aria-label={`Actions for message from ${message.authorName}`}
          className="absolute -top-3 right-4 flex rounded-md border border-subtle bg-sidebar opacity-0 shadow group-hover:opacity-100 focus-within:opacity-100"
        >
          {actions.canReply && (
            <button type="button" aria-label="Reply" title="Reply" onClick={() => actions.onReply(message)} className="p-1.5 text-muted hover:text-strong focus-visible:text-strong">
              <ReplyIcon className="size-4" />
            </button>
          )}
          {canEdit && (
            <button type="button" aria-label="Edit" title="Edit" onClick={() => setEditing(true)} className="p-1.5 text-muted hover:text-strong focus-visible:text-strong">
              <EditIcon className="size-4" />
            </button>
          )}
          {canDelete && (
            <button type="button" aria-label="Delete" title="Delete" onClick={() => setConfirmingDelete(true)} className="p-1.5 text-red-400 hover:text-red-300">
              <TrashIcon className="size-4" />
            </button>
          )}
        </div>
      )}
      {/* Mounted from the first time it opens: fifty closed dialogs would slow every page load. */}
      <OnceOpened open={confirmingDelete}>
        <Dialog open={confirmingDelete} onClose={() => setConfirmingDelete(false)} title="Delete message" description="Are you sure you want to delete this message? This cannot be undone.">
          <blockquote className="max-h-40 overflow-hidden rounded-md bg-rail p-3 text-sm break-words whitespace-pre-wrap">
            <Markdown content={message.content} />
          </blockquote>
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setConfirmingDelete(false)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                setConfirmingDelete(false);
                void actions.onDelete(message);
              }}
            >
              Delete
            </Button>
          </div>
        </Dialog>
      </OnceOpened>
    </li>
  );
}

export const MessageItem = memo(MessageItemInner);
