"use client";

import { useCallback, useEffect, useRef } from "react";

const READ_DELAY_MS = 300;

/**
 * Marks the source read while the viewer sees it: shortly after it opens, when the tab comes back
 * into view, and after each message from someone else (`seen`). Nothing is sent again until there
 * is something new to read. After "Mark unread" (`hold`) nothing is marked read while the pane
 * stays open, until the viewer writes (`release`), as in Discord.
 */
export function useReadReceipt(markRead: () => Promise<unknown>) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Whether someone else may have written something the viewer has not marked read yet.
  const unseen = useRef(true);
  const held = useRef(false);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (document.visibilityState !== "visible" || !unseen.current || held.current) return;
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

  const seen = useCallback(() => {
    unseen.current = true;
    schedule();
  }, [schedule]);
  const hold = useCallback(() => {
    held.current = true;
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const release = useCallback(() => {
    if (!held.current) return;
    held.current = false;
    seen();
  }, [seen]);
  return { seen, hold, release };
}
