"use client";

import { useCallback, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useBefore, useCooldown } from "@/components/app/use-deadline";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import type { Channel, CommunityRole } from "@/lib/api/entities";
import { ApiRequestError } from "@/lib/api-client";
import { localMoment, shortDuration } from "@/lib/format";

interface PostingLimits {
  /** Set while the viewer is timed out in the channel's community: the composer is off. */
  timedOutReason: string | null;
  /** What the composer says about slowmode or a wait, if anything. */
  status: string | null;
  /** False during a wait: sending would only be refused. */
  canSend: boolean;
  /** As a message goes off: slowmode's wait starts (a second Enter must not race the first). */
  sent: () => void;
  /** True when `error` was a timeout or a rate limit, now shown by the composer instead of a toast. */
  explain: (error: unknown) => boolean;
}

function detail(error: ApiRequestError, key: string): unknown {
  return error.details && typeof error.details === "object" ? (error.details as Record<string, unknown>)[key] : undefined;
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
  const cooldown = useCooldown();
  const timedOut = useBefore(timeoutUntil);
  const slowmode = role === "member" ? rateLimit : 0;

  useRealtimeEvent("community_member_updated", ({ community_id, user }) => {
    if (community_id === channel.community_id && user.id === me.id) setTimeoutUntil(user.timeout_until);
  });
  useRealtimeEvent("channel_updated", (updated) => {
    if (updated.id === channel.id) setRateLimit(updated.rate_limit_per_user);
  });

  const { start } = cooldown;
  const sent = useCallback(() => {
    if (slowmode > 0) start(slowmode);
  }, [slowmode, start]);

  const explain = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiRequestError)) return false;
      if (error.code === "timed_out") {
        const until = detail(error, "until");
        if (typeof until === "string") setTimeoutUntil(until);
        return typeof until === "string";
      }
      if (error.code === "rate_limited") {
        const retryAfter = Number(detail(error, "retry_after"));
        if (retryAfter > 0) start(retryAfter);
        return retryAfter > 0;
      }
      return false;
    },
    [start],
  );

  const wait = cooldown.secondsLeft;
  const slowmodeLine = slowmode > 0 ? `Slowmode is on: ${shortDuration(slowmode)}` : null;
  const waitLine = wait > 0 ? `You can send again in ${shortDuration(wait)}` : null;
  const status = slowmodeLine && waitLine ? `${slowmodeLine}. ${waitLine}.` : waitLine ? `Slow down! ${waitLine}.` : slowmodeLine;

  return {
    timedOutReason: timedOut && timeoutUntil ? `You are timed out until ${localMoment(timeoutUntil)}. You can read, but not send messages.` : null,
    status,
    canSend: wait === 0,
    sent,
    explain,
  };
}
