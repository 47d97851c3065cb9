"use client";

import { useRealtime } from "@/components/realtime/realtime-provider";

/** Shown while the live connection is down; the client reconnects and catches up by itself. */
export function ConnectionBanner() {
  const { connection } = useRealtime();
  if (connection !== "reconnecting") return null;
  return (
    <div role="status" className="shrink-0 bg-amber-500 px-4 py-1.5 text-center text-sm font-medium text-black">
      Connection lost — reconnecting… Messages sent meanwhile will appear when you are back.
    </div>
  );
}
