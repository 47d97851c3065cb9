"use client";

import { useCallback, useEffect, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useRealtime } from "@/components/realtime/realtime-provider";
import type { Person } from "../types";
import type { MessageSource } from "./source";

const TYPING_FALLBACK_MS = 12_000;

const NOBODY: ReadonlySet<number> = new Set();

/**
 * Who else is typing in the source, by name (never `hidden` users: those the viewer blocked), and
 * `emit` for the viewer's own typing; undefined `emit` where the source has no typing.
 * `stopped(userId)` as that user's message arrives.
 */
export function useTyping(source: MessageSource, people: Map<number, Person> | undefined, hidden: ReadonlySet<number> = NOBODY) {
  const { me } = useAppState();
  const { client } = useRealtime();
  const [typists, setTypists] = useState<Map<number, { name: string; until: number }>>(new Map());
  const typing = source.typing;

  useEffect(() => {
    if (!client || !typing) return;
    return typing.subscribe(client, (event) => {
      if (event.userId === me.id) return;
      setTypists((current) => {
        const next = new Map(current);
        if (event.isTyping) next.set(event.userId, { name: people?.get(event.userId)?.name ?? event.username, until: Date.now() + TYPING_FALLBACK_MS });
        else next.delete(event.userId);
        return next;
      });
    });
  }, [client, typing, me.id, people]);

  // A missed "stopped typing" must not leave a name up forever.
  useEffect(() => {
    if (typists.size === 0) return;
    const timer = setInterval(() => {
      setTypists((current) => {
        const now = Date.now();
        const next = new Map([...current].filter(([, typist]) => typist.until > now));
        return next.size === current.size ? current : next;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [typists.size]);

  const stopped = useCallback((userId: number) => {
    setTypists((current) => {
      if (!current.has(userId)) return current;
      const next = new Map(current);
      next.delete(userId);
      return next;
    });
  }, []);

  const emit = typing
    ? (isTyping: boolean) => {
        if (client) typing.emit(client, isTyping);
      }
    : undefined;
  return { names: [...typists].filter(([userId]) => !hidden.has(userId)).map(([, t]) => t.name), stopped, emit };
}
