"use client";

import { useBefore } from "@/components/app/use-deadline";
import { ClockIcon } from "@/components/ui/icons";
import { localMoment } from "@/lib/format";

/** A clock beside a member who is timed out; gone by itself when the timeout ends. */
export function TimedOutBadge({ until }: { until: string | null }) {
  const active = useBefore(until);
  if (!active || !until) return null;
  const label = `Timed out until ${localMoment(until)}`;
  return (
    <span role="img" aria-label={label} title={label} className="shrink-0 text-amber-700 dark:text-amber-400">
      <ClockIcon className="size-4" />
    </span>
  );
}
