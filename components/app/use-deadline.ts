"use client";

import { useCallback, useEffect, useState } from "react";

// setTimeout fires at once for delays beyond 2^31-1 ms (about 24.8 days); timeouts reach 28 days.
const MAX_DELAY = 2 ** 31 - 1;

function parse(iso: string | null | undefined): number | null {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? null : at;
}

/** True while the moment `iso` is in the future; re-renders once when it passes. */
export function useBefore(iso: string | null | undefined): boolean {
  const until = parse(iso);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(until - Date.now(), 0) + 50, MAX_DELAY));
    return () => clearTimeout(timer);
  }, [until, now]);
  // `now` only makes the timer re-render; the answer reads the clock.
  return until !== null && until > Date.now();
}

/** A wait counted down in whole seconds (slowmode, rate limits): `start(seconds)` begins one. */
export function useCooldown() {
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const start = useCallback((seconds: number) => {
    const at = Date.now();
    setNow(at);
    setDeadline((current) => Math.max(current ?? 0, at + seconds * 1000));
  }, []);
  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= deadline) {
        setDeadline(null);
        clearInterval(timer);
      }
    }, 250);
    return () => clearInterval(timer);
  }, [deadline]);
  const secondsLeft = deadline === null ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
  return { secondsLeft, start };
}
