"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { EmptyState } from "@/components/ui/feedback";
import { MessageItem, type MessageActions } from "./message-item";
import type { ChatMessage } from "./types";

const GROUP_WINDOW_MS = 7 * 60 * 1000;
const LOAD_OLDER_THRESHOLD_PX = 400;
const NEAR_BOTTOM_PX = 150;
/** How far a message's toolbar stands above the message. */
const TOOLBAR_RISE_PX = 16;

interface MessageListProps {
  messages: ChatMessage[];
  actions: MessageActions;
  /** The message whose edit box is open. */
  editingKey: string | null;
  /** Authors whose messages are collapsed until shown (users the viewer blocked). */
  hiddenAuthors?: ReadonlySet<number>;
  hasOlder: boolean;
  loadOlder: () => Promise<void>;
  highlightId: number | null;
  emptyTitle: string;
  emptyText: string;
}

function dayKey(iso: string) {
  return new Date(iso).toDateString();
}

const NOBODY: ReadonlySet<number> = new Set();

/**
 * Newest at the bottom. Scrolling near the top loads the previous page and keeps the view where it
 * was; a new message scrolls into view only when the reader was already at the bottom. Messages of
 * hidden authors fold into one row per run of them ("3 blocked messages — Show"), as in Discord.
 */
export function MessageList({ messages, actions, editingKey, hiddenAuthors = NOBODY, hasOlder, loadOlder, highlightId, emptyTitle, emptyText }: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const loading = useRef(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const previous = useRef<{ firstKey: string | undefined; scrollHeight: number; nearBottom: boolean }>({
    firstKey: undefined,
    scrollHeight: 0,
    nearBottom: true,
  });

  const [shownKeys, setShownKeys] = useState<ReadonlySet<string>>(new Set());

  const byId = useMemo(() => new Map(messages.filter((m) => m.id !== null).map((m) => [m.id!, m])), [messages]);
  const folded = (message: ChatMessage | undefined) => !!message && hiddenAuthors.has(message.authorId) && !shownKeys.has(message.key);
  const show = (run: ChatMessage[]) => setShownKeys((keys) => new Set([...keys, ...run.map((m) => m.key)]));

  const atPaneTop = useCallback((row: HTMLElement) => {
    const pane = scroller.current;
    return !!pane && row.getBoundingClientRect().top - pane.getBoundingClientRect().top < TOOLBAR_RISE_PX;
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const before = previous.current;
    const firstKey = messages[0]?.key;
    if (before.firstKey !== undefined && firstKey !== before.firstKey && before.scrollHeight) {
      // Older messages were added above: keep what the reader was looking at in place.
      element.scrollTop += element.scrollHeight - before.scrollHeight;
    } else if (before.nearBottom) {
      element.scrollTop = element.scrollHeight;
    }
    previous.current = { firstKey, scrollHeight: element.scrollHeight, nearBottom: before.nearBottom };
  }, [messages]);

  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    previous.current.nearBottom = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    previous.current.scrollHeight = element.scrollHeight;
    if (element.scrollTop < LOAD_OLDER_THRESHOLD_PX && hasOlder && !loading.current) {
      loading.current = true;
      setLoadingOlder(true);
      loadOlder().finally(() => {
        loading.current = false;
        setLoadingOlder(false);
      });
    }
  }, [hasOlder, loadOlder]);

  // A short first page may not fill the pane: keep loading until it scrolls or history ends.
  useEffect(() => {
    const element = scroller.current;
    if (element && element.scrollHeight <= element.clientHeight && hasOlder && !loading.current) onScroll();
  }, [messages, hasOlder, onScroll]);

  useEffect(() => {
    if (highlightId === null) return;
    document.getElementById(`message-${highlightId}`)?.scrollIntoView({ block: "center" });
  }, [highlightId, messages]);

  return (
    <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto" data-testid="message-scroller">
      {!hasOlder && (
        <div className="px-4 pt-8 pb-2">
          <EmptyState title={emptyTitle}>{emptyText}</EmptyState>
        </div>
      )}
      {loadingOlder && (
        <p role="status" className="py-2 text-center text-xs text-muted">
          Loading older messages…
        </p>
      )}
      <ol aria-label="Messages" className="pb-4">
        {messages.map((message, i) => {
          const prev = messages[i - 1];
          const newDay = !prev || dayKey(prev.createdAt) !== dayKey(message.createdAt);
          if (folded(message)) {
            if (folded(prev)) return null;
            const end = messages.findIndex((m, j) => j > i && !folded(m));
            const run = messages.slice(i, end === -1 ? undefined : end);
            return (
              <MessageRow key={message.key} newDay={newDay} date={message.createdAt}>
                <FoldedRun count={run.length} onShow={() => show(run)} />
              </MessageRow>
            );
          }
          const grouped =
            !!prev &&
            !newDay &&
            !folded(prev) &&
            prev.authorId === message.authorId &&
            prev.type === message.type &&
            new Date(message.createdAt).getTime() - new Date(prev.createdAt).getTime() < GROUP_WINDOW_MS;
          return (
            <MessageRow key={message.key} newDay={newDay} date={message.createdAt}>
              <MessageItem
                message={message}
                grouped={grouped}
                parent={message.replyTo === null ? undefined : (byId.get(message.replyTo) ?? null)}
                highlighted={message.id !== null && message.id === highlightId}
                editing={message.key === editingKey}
                actions={actions}
                atPaneTop={atPaneTop}
              />
            </MessageRow>
          );
        })}
      </ol>
      {/* The pane starts at its end from the first paint where the browser supports it (Chromium):
          the server-rendered page shows the newest messages at once, and does not jump when the
          layout effect above scrolls it on hydration. */}
      <div aria-hidden className="[scroll-initial-target:nearest]" />
    </div>
  );
}

function FoldedRun({ count, onShow }: { count: number; onShow: () => void }) {
  const label = `${count} blocked ${count === 1 ? "message" : "messages"}`;
  return (
    <li className="mx-4 mt-2 flex items-center gap-2 rounded-md bg-raised/40 px-3 py-1.5 text-sm text-muted">
      <span>{label}</span>
      <span aria-hidden>—</span>
      <button type="button" aria-label={`Show ${label}`} onClick={onShow} className="font-semibold text-normal hover:underline">
        Show
      </button>
    </li>
  );
}

function MessageRow({ newDay, date, children }: { newDay: boolean; date: string; children: React.ReactNode }) {
  return (
    <>
      {newDay && (
        <li className="mx-4 mt-4 mb-1">
          <div role="separator" aria-label={new Date(date).toDateString()} className="flex items-center gap-2 text-xs font-semibold text-muted">
            <span className="h-px flex-1 bg-raised" />
            {new Date(date).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" })}
            <span className="h-px flex-1 bg-raised" />
          </div>
        </li>
      )}
      {children}
    </>
  );
}
