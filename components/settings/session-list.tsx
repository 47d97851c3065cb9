"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { Session } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { SessionRow } from "./session-row";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong";
}

/** The account's live sessions, this one first, each of the others with its own "Log out". */
export function SessionList() {
  const toast = useToast();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [ending, setEnding] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    callApi(endpoints.listSessions).then(
      (list) => setSessions([...list].sort((a, b) => Number(b.current) - Number(a.current))),
      (error) => setLoadError(messageOf(error)),
    );
  }, []);

  async function end(ids: string[], call: () => Promise<unknown>, done: string) {
    setEnding((current) => new Set([...current, ...ids]));
    try {
      await call();
      setSessions((list) => list?.filter((session) => !ids.includes(session.id)) ?? null);
      toast.success(done);
    } catch (error) {
      toast.error(messageOf(error));
    } finally {
      setEnding((current) => new Set([...current].filter((id) => !ids.includes(id))));
    }
  }

  if (loadError) return <p role="alert" className="text-sm text-red-400">Could not load your sessions: {loadError}</p>;
  if (!sessions) {
    return (
      <div role="status" aria-label="Loading sessions" className="space-y-2">
        <Skeleton className="h-12 w-full" />
        <Skeleton className="h-12 w-full" />
      </div>
    );
  }

  const others = sessions.filter((session) => !session.current).map((session) => session.id);
  return (
    <div className="space-y-3">
      <ul aria-label="Sessions" className="space-y-2">
        {sessions.map((session) => (
          <SessionRow
            key={session.id}
            session={session}
            ending={ending.has(session.id)}
            onEnd={() => end([session.id], () => callApi(endpoints.endSession, { params: { id: session.id } }), "That session was logged out.")}
          />
        ))}
      </ul>
      {others.length === 0 ? (
        <p className="text-sm text-muted">No other device is signed in.</p>
      ) : (
        <Button variant="danger" size="sm" disabled={others.every((id) => ending.has(id))} onClick={() => end(others, () => callApi(endpoints.endOtherSessions), "Logged out of all other devices.")}>
          Log out of all other devices
        </Button>
      )}
    </div>
  );
}
