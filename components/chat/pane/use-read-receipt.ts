"use client";

import { useCallback, useEffect, useRef } from "react";

const READ_DELAY_MS = 300;

/**
 * Marks the source read while the viewer sees it: shortly after it opens, when the tab comes back
 * into view, and after each message from someone else (call the returned `seen`). Nothing is sent
 * again until there is something new to read.
 */
export function useReadReceipt(markRead: () => Promise<unknown>): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Whether someone else may have written something the viewer has not marked read yet.
  const unseen = useRef(true);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (document.visibilityState !== "visible" || !unseen.current) return;
      unseen.current = false;
      markRead().catch(() => {
        unseen.current = true;
      });
    }, READ_DELAY_MS);
  }, [markRead]);

  // A receipt already scheduled is still sent when the pane closes right after: it was seen.
  useEffect(() => {
    schedule();
    const onVisible = () => document.visibilityState === "visible" && schedule();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [schedule]);

  return useCallback(() => {
    unseen.current = true;
    schedule();
  }, [schedule]);
}
