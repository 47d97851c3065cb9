"use client";

import { useCallback, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useBefore } from "@/components/app/use-deadline";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import type { Channel, CommunityRole } from "@/lib/api/entities";
import { ApiRequestError } from "@/lib/api-client";
import { localMoment } from "@/lib/format";
import type { SendLimits } from "./pane/message-pane";
import { useSendCooldown } from "./use-send-cooldown";

interface PostingLimits extends SendLimits {
  /** Set while the viewer is timed out in the channel's community: the composer is off. */
  timedOutReason: string | null;
}

function timedOutUntil(error: unknown): string | null {
  if (!(error instanceof ApiRequestError) || error.code !== "timed_out") return null;
  const until = error.details && typeof error.details === "object" ? (error.details as Record<string, unknown>).until : undefined;
  return typeof until === "string" ? until : null;
}

/**
 * What stops the viewer from posting for a while: their own timeout (kept live by
 * community_member_updated, or learnt from a 403 timed_out), the channel's slowmode (owners and
 * admins exempt) and any 429 rate_limited answer's retry_after.
 */
export function usePostingLimits(channel: Channel, role: CommunityRole, initialTimeoutUntil: string | null): PostingLimits {
  const { me } = useAppState();
  const [timeoutUntil, setTimeoutUntil] = useState(initialTimeoutUntil);
  const [rateLimit, setRateLimit] = useState(channel.rate_limit_per_user);
  const timedOut = useBefore(timeoutUntil);
  const cooldown = useSendCooldown(role === "member" ? rateLimit : 0);

  useRealtimeEvent("community_member_updated", ({ community_id, user }) => {
    if (community_id === channel.community_id && user.id === me.id) setTimeoutUntil(user.timeout_until);
  });
  useRealtimeEvent("channel_updated", (updated) => {
    if (updated.id === channel.id) setRateLimit(updated.rate_limit_per_user);
  });

  const explainWait = cooldown.explain;
  const explain = useCallback(
    (error: unknown) => {
      const until = timedOutUntil(error);
      if (until) setTimeoutUntil(until);
      return until !== null || explainWait(error);
    },
    [explainWait],
  );

  return {
    ...cooldown,
    timedOutReason: timedOut && timeoutUntil ? `You are timed out until ${localMoment(timeoutUntil)}. You can read, but not send messages.` : null,
    explain,
  };
}
