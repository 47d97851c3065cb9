"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { EmptyState } from "@/components/ui/feedback";
import { MessageItem, type MessageActions } from "./message-item";
import type { ChatMessage } from "./types";

const GROUP_WINDOW_MS = 7 * 60 * 1000;
const LOAD_OLDER_THRESHOLD_PX = 400;
const NEAR_BOTTOM_PX = 150;
/** Scrolled up by more than this many screens, the reader is told how to get back. */
const FAR_SCREENS = 2;
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
  /** The first message the reader had not read when the pane opened (or that they marked unread). */
  firstUnreadKey: string | null;
  /** The list does not reach the newest messages (after a jump into the past). */
  detached: boolean;
  /** Loads the newest messages again, when detached. */
  loadLatest: () => Promise<void>;
  emptyTitle: string;
  emptyText: string;
}

function dayKey(iso: string) {
  return new Date(iso).toDateString();
}

const NOBODY: ReadonlySet<number> = new Set();

/**
 * Newest at the bottom. Scrolling near the top loads the previous page and keeps the view where it
 * was; a new message scrolls into view only when the reader was already at the bottom, otherwise a
 * bar counts the new ones below and jumps to the present (as it does after a jump into the past,
 * or when scrolled far up). A "New messages" line stands above the first unread one. Messages of
 * hidden authors fold into one row per run of them ("3 blocked messages — Show"), as in Discord.
 */
export function MessageList({
  messages,
  actions,
  editingKey,
  hiddenAuthors = NOBODY,
  hasOlder,
  loadOlder,
  highlightId,
  firstUnreadKey,
  detached,
  loadLatest,
  emptyTitle,
  emptyText,
}: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const loading = useRef(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  // fromBottom: how far the top of the view is from the end of the content (scrollHeight - scrollTop).
  const previous = useRef<{ firstKey: string | undefined; lastKey: string | undefined; fromBottom: number; nearBottom: boolean; toEnd: boolean }>({
    firstKey: undefined,
    lastKey: undefined,
    fromBottom: 0,
    nearBottom: true,
    toEnd: false,
  });
  const [newBelow, setNewBelow] = useState(0);
  const [farUp, setFarUp] = useState(false);

  const [shownKeys, setShownKeys] = useState<ReadonlySet<string>>(new Set());

  const byId = useMemo(() => new Map(messages.filter((m) => m.id !== null).map((m) => [m.id!, m])), [messages]);
  // A system message (a join, a pin) is Auraflow's, not its sender's words: it never folds.
  const byHiddenAuthor = (message: ChatMessage | undefined): message is ChatMessage => !!message && message.type !== "system" && hiddenAuthors.has(message.authorId);
  const folded = (message: ChatMessage | undefined) => byHiddenAuthor(message) && !shownKeys.has(message.key);
  const show = (run: ChatMessage[]) => setShownKeys((keys) => new Set([...keys, ...run.map((m) => m.key)]));
  const hide = (run: ChatMessage[]) => setShownKeys((keys) => new Set([...keys].filter((key) => !run.some((m) => m.key === key))));
  const shownHidden = (message: ChatMessage | undefined) => byHiddenAuthor(message) && shownKeys.has(message.key);
  /** The messages from `start` on that `inRun` holds for, up to the first it does not. */
  const runFrom = (start: number, inRun: (message: ChatMessage) => boolean) => {
    const end = messages.findIndex((m, j) => j > start && !inRun(m));
    return messages.slice(start, end === -1 ? undefined : end);
  };

  const atPaneTop = useCallback((row: HTMLElement) => {
    const pane = scroller.current;
    return !!pane && row.getBoundingClientRect().top - pane.getBoundingClientRect().top < TOOLBAR_RISE_PX;
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const before = previous.current;
    const firstKey = messages[0]?.key;
    const lastKey = messages.at(-1)?.key;
    if (before.toEnd) {
      element.scrollTop = element.scrollHeight;
    } else if (before.firstKey !== undefined && firstKey !== before.firstKey && before.fromBottom) {
      // Older messages were added above: keep what the reader was looking at in place. Set, not
      // added to: Chromium's scroll anchoring may already have moved the view by as much.
      element.scrollTop = element.scrollHeight - before.fromBottom;
    } else if (before.nearBottom) {
      element.scrollTop = element.scrollHeight;
    } else if (before.lastKey !== undefined && lastKey !== before.lastKey) {
      // New ones below, out of sight: counted on the bar.
      const from = messages.findIndex((m) => m.key === before.lastKey);
      if (from !== -1) setNewBelow((n) => n + messages.length - 1 - from);
    }
    previous.current = { firstKey, lastKey, fromBottom: element.scrollHeight - element.scrollTop, nearBottom: before.toEnd || before.nearBottom, toEnd: false };
  }, [messages]);

  // The pane got shorter (a panel opened above it, the composer grew): a reader at the end stays there.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (previous.current.nearBottom) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const fromEnd = element.scrollHeight - element.scrollTop - element.clientHeight;
    previous.current.nearBottom = fromEnd < NEAR_BOTTOM_PX;
    previous.current.fromBottom = element.scrollHeight - element.scrollTop;
    if (previous.current.nearBottom) setNewBelow(0);
    setFarUp(fromEnd > FAR_SCREENS * element.clientHeight);
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

  const jumpToPresent = async () => {
    previous.current.toEnd = true;
    setNewBelow(0);
    if (detached) {
      await loadLatest();
    } else {
      const element = scroller.current;
      element?.scrollTo({ top: element.scrollHeight });
      previous.current.toEnd = false;
    }
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
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
            const unreadFromHere = message.key === firstUnreadKey;
            if (folded(message)) {
              if (folded(prev)) return null;
              const run = runFrom(i, folded);
              return (
                <MessageRow key={message.key} newDay={newDay} date={message.createdAt} unreadFromHere={unreadFromHere}>
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
              <MessageRow key={message.key} newDay={newDay} date={message.createdAt} unreadFromHere={unreadFromHere}>
                {shownHidden(message) && !shownHidden(prev) && <ShownRun run={runFrom(i, shownHidden)} onHide={hide} />}
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
      {(detached || newBelow > 0 || farUp) && (
        <div role="status" className="absolute inset-x-4 bottom-2 flex items-center justify-between gap-3 rounded-md bg-aura-600 px-3 py-1.5 text-sm text-white shadow-lg">
          <span>{newBelow > 0 ? `${newBelow} new ${newBelow === 1 ? "message" : "messages"} below` : "You're viewing older messages"}</span>
          <button type="button" onClick={() => void jumpToPresent()} className="font-semibold underline-offset-2 hover:underline">
            Jump to present
          </button>
        </div>
      )}
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

function ShownRun({ run, onHide }: { run: ChatMessage[]; onHide: (run: ChatMessage[]) => void }) {
  const label = `${run.length} blocked ${run.length === 1 ? "message" : "messages"}`;
  return (
    <li className="mx-4 mt-2 flex items-center gap-2 px-3 text-xs text-muted">
      <span>{label} shown</span>
      <span aria-hidden>—</span>
      <button type="button" aria-label={`Hide ${label}`} onClick={() => onHide(run)} className="font-semibold text-normal hover:underline">
        Hide
      </button>
    </li>
  );
}

function MessageRow({ newDay, date, unreadFromHere, children }: { newDay: boolean; date: string; unreadFromHere: boolean; children: React.ReactNode }) {
  return (
    <>
      {unreadFromHere && (
        <li className="mx-4 mt-3 mb-1">
          <div role="separator" aria-label="New messages" className="flex items-center gap-2 text-xs font-bold text-red-700 uppercase dark:text-red-300">
            <span className="h-px flex-1 bg-red-700 dark:bg-red-300" />
            New
          </div>
        </li>
      )}
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
