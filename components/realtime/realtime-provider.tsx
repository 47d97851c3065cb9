"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { RealtimeClient } from "@/lib/realtime/client";
import type { ServerEventName, ServerToClientEvents } from "@/lib/realtime/events";

export type ConnectionState = "connecting" | "connected" | "reconnecting";

interface RealtimeContextValue {
  client: RealtimeClient | null;
  connection: ConnectionState;
}

const RealtimeContext = createContext<RealtimeContextValue>({ client: null, connection: "connecting" });

/** One Socket.IO connection per tab, authenticated by the session cookie. */
export function RealtimeProvider({ userId, children }: { userId: number; children: React.ReactNode }) {
  const [value, setValue] = useState<RealtimeContextValue>({ client: null, connection: "connecting" });

  useEffect(() => {
    const client = new RealtimeClient().setUserId(userId);
    const update = (connection: ConnectionState) => setValue({ client, connection });
    update("connecting");
    client.socket.on("connect", () => update("connected"));
    client.socket.on("disconnect", () => update("reconnecting"));
    client.socket.on("connect_error", () => update("reconnecting"));
    return () => client.close();
  }, [userId]);

  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeContextValue {
  return useContext(RealtimeContext);
}

/** Subscribes for the component's lifetime; the latest handler is always the one called. */
export function useRealtimeEvent<E extends ServerEventName>(event: E, handler: ServerToClientEvents[E]): void {
  const { client } = useRealtime();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!client) return;
    return client.on(event, ((payload: never) => (latest.current as (p: never) => void)(payload)) as ServerToClientEvents[E]);
  }, [client, event]);
}

/** Runs after a reconnect that Socket.IO could not recover, so views can refetch what they show. */
export function useResync(handler: () => void): void {
  const { client } = useRealtime();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => client?.onResync(() => latest.current()), [client]);
}

/**
 * Calls `load` on every (re)connect and hands its answer to `apply`: what changed before the socket
 * first connected, or while it was down, is only in the API. Returns `changed`, to call as a live
 * event changes the same state: an answer to a request made before that is older than the event,
 * and is dropped.
 */
export function useCatchUp<T>(load: () => Promise<T>, apply: (value: T) => void): () => void {
  const { connection } = useRealtime();
  const changes = useRef(0);
  const latest = useRef({ load, apply });
  useEffect(() => {
    latest.current = { load, apply };
  });
  useEffect(() => {
    if (connection !== "connected") return;
    const asked = changes.current;
    latest.current.load().then((value) => {
      if (changes.current === asked) latest.current.apply(value);
    }, () => undefined);
  }, [connection]);
  return useCallback(() => {
    changes.current += 1;
  }, []);
}
