"use client";

import { useSyncExternalStore } from "react";
import { useOutbox } from "@/components/chat/outbox-provider";
import { useRealtime } from "@/components/realtime/realtime-provider";

/**
 * Shown while the live connection is down; the client reconnects and catches up by itself, and
 * messages written meanwhile wait in the outbox until then. It says how many are waiting.
 */
export function ConnectionBanner() {
  const { connection } = useRealtime();
  const outbox = useOutbox();
  const unsent = useSyncExternalStore(outbox.subscribe, outbox.unsent, outbox.unsent);
  if (connection !== "reconnecting") return null;
  const waiting = unsent.filter((u) => u.message.state === "queued" || u.message.state === "pending").length;
  return (
    <div role="status" className="shrink-0 bg-amber-500 px-4 py-1.5 text-center text-sm font-medium text-black">
      Connection lost — reconnecting…{" "}
      {waiting > 0
        ? `${waiting} ${waiting === 1 ? "message" : "messages"} will be sent when you are back.`
        : "Messages you write now will be sent when you are back."}
    </div>
  );
}
