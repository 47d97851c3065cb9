"use client";

import { useCallback, useState } from "react";
import { useToast } from "@/components/ui/toast";

const HIGHLIGHT_MS = 2500;

/** Jumping to the message a reply quotes: loaded if need be, then highlighted for a moment. */
export function useJumpTo(loadAround: (messageId: number) => Promise<boolean>) {
  const toast = useToast();
  const [highlightId, setHighlightId] = useState<number | null>(null);

  const jumpTo = useCallback(
    async (messageId: number) => {
      try {
        if (!(await loadAround(messageId))) return toast.info("The original message was deleted.");
      } catch {
        return toast.error("Could not load that message");
      }
      setHighlightId(messageId);
      setTimeout(() => setHighlightId((current) => (current === messageId ? null : current)), HIGHLIGHT_MS);
    },
    [loadAround, toast],
  );

  return { highlightId, jumpTo };
}
