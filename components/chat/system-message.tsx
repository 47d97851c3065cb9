"use client";

import { ArrowRightIcon, PinIcon, TrashIcon } from "@/components/ui/icons";
import { messageTimestamp } from "@/lib/format";
import type { MessageActions } from "./message-item";
import type { ChatMessage } from "./types";

/** The server's text starts with the username of whoever pinned or joined: bold, as Discord shows it. */
function SystemText({ content }: { content: string }) {
  const space = content.indexOf(" ");
  return (
    <span className="text-normal">
      {space > 0 && <strong className="font-semibold text-strong">{content.slice(0, space)}</strong>}
      {space > 0 ? content.slice(space) : content}
    </span>
  );
}

/**
 * A message the server posted for an event (`message_type: "system"`), as a compact row: a pin
 * links to the pinned message through `reply_to`; one without is a join. The author (the pinner,
 * the newcomer) is in the text. Only Delete, for those who may delete it.
 */
export function SystemMessage({ message, highlighted, actions }: { message: ChatMessage; highlighted: boolean; actions: MessageActions }) {
  const pinned = message.replyTo;
  const Icon = pinned === null ? ArrowRightIcon : PinIcon;
  return (
    <li
      id={message.id ? `message-${message.id}` : undefined}
      data-message-type="system"
      className={`group relative mt-1 flex items-center gap-3 px-4 py-1 text-sm hover:bg-black/5 dark:hover:bg-white/[0.03] ${highlighted ? "bg-amber-400/10 ring-1 ring-amber-400/40" : ""}`}
    >
      <span className="flex w-10 shrink-0 justify-center">
        <Icon className={`size-4 ${pinned === null ? "text-emerald-600 dark:text-emerald-400" : "text-muted"}`} />
      </span>
      <p className="min-w-0 flex-1 text-muted">
        <SystemText content={message.content} />{" "}
        {pinned !== null && (
          <>
            <button type="button" onClick={() => actions.onJumpTo(pinned)} className="font-semibold text-strong hover:underline">
              See the message
            </button>{" "}
          </>
        )}
        <time className="text-xs" dateTime={message.createdAt}>
          {messageTimestamp(message.createdAt)}
        </time>
      </p>
      {message.state === "sent" && actions.canDelete(message) && (
        <div
          role="toolbar"
          aria-label="Actions for this event"
          className="pointer-events-none absolute -top-3 right-4 flex rounded-md border border-subtle bg-sidebar opacity-0 shadow group-hover:pointer-events-auto group-hover:opacity-100 focus-within:pointer-events-auto focus-within:opacity-100 pointer-coarse:pointer-events-auto pointer-coarse:opacity-100"
        >
          <button type="button" aria-label="Delete" title="Delete" onClick={() => actions.onDelete(message)} className="p-1.5 text-red-400 hover:text-red-300">
            <TrashIcon className="size-4" />
          </button>
        </div>
      )}
    </li>
  );
}
