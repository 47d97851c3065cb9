"use client";

import { useCallback } from "react";
import { useCooldown } from "@/components/app/use-deadline";
import { ApiRequestError } from "@/lib/api-client";
import { shortDuration } from "@/lib/format";
import type { SendLimits } from "./pane/message-pane";

/**
 * The wait before the next message: slowmode's after each one sent (0 where there is none), and
 * any 429 rate_limited answer's retry_after, which the composer shows instead of a toast.
 */
export function useSendCooldown(slowmode: number): SendLimits {
  const { secondsLeft: wait, start } = useCooldown();

  const sent = useCallback(() => {
    if (slowmode > 0) start(slowmode);
  }, [slowmode, start]);

  const explain = useCallback(
    (error: unknown) => {
      const retryAfter = error instanceof ApiRequestError ? error.retryAfter() : null;
      if (!retryAfter || retryAfter <= 0) return false;
      start(retryAfter);
      return true;
    },
    [start],
  );

  const slowmodeLine = slowmode > 0 ? `Slowmode is on: ${shortDuration(slowmode)}` : null;
  const waitLine = wait > 0 ? `You can send again in ${shortDuration(wait)}` : null;
  const status = slowmodeLine && waitLine ? `${slowmodeLine}. ${waitLine}.` : waitLine ? `Slow down! ${waitLine}.` : slowmodeLine;

  return { status, canSend: wait === 0, sent, explain };
}
