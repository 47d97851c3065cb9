"use client";

import { createContext, useContext, useEffect, useState } from "react";
import { useRealtime } from "@/components/realtime/realtime-provider";
import { useToast } from "@/components/ui/toast";
import { Outbox } from "./outbox";

const OutboxContext = createContext<Outbox | null>(null);

/** The tab's one outbox (see Outbox), kept above the pages so unsent messages outlive a pane. */
export function OutboxProvider({ children }: { children: React.ReactNode }) {
  const { client, connection } = useRealtime();
  const toast = useToast();
  const [outbox] = useState(() => new Outbox((error) => toast.error(error instanceof Error ? error.message : "Message not sent")));
  useEffect(() => outbox.setConnection(client, connection === "connected"), [outbox, client, connection]);
  return <OutboxContext.Provider value={outbox}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): Outbox {
  const outbox = useContext(OutboxContext);
  if (!outbox) throw new Error("useOutbox needs an OutboxProvider");
  return outbox;
}
