import { ApiError } from "../errors";

// Failed sign-ins are counted per account (whether the username or the email was typed): after
// MAX_FAILURES within WINDOW_MS that account refuses further attempts until the window ends, so a
// password cannot be guessed quickly. Success clears the count. Kept in process memory.

const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;

interface Failures {
  count: number;
  resetAt: number;
}

const globalForThrottle = globalThis as { __auraflowLoginFailures?: Map<string, Failures> };
const failures = (globalForThrottle.__auraflowLoginFailures ??= new Map<string, Failures>());

export function assertLoginAllowed(key: string): void {
  const entry = failures.get(key);
  if (!entry) return;
  if (entry.resetAt <= Date.now()) {
    failures.delete(key);
    return;
  }
  if (entry.count >= MAX_FAILURES) {
    const minutes = Math.ceil((entry.resetAt - Date.now()) / 60_000);
    throw new ApiError("rate_limited", `Too many failed sign-in attempts for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

export function recordLoginFailure(key: string): void {
  const entry = failures.get(key);
  if (entry && entry.resetAt > Date.now()) entry.count += 1;
  else failures.set(key, { count: 1, resetAt: Date.now() + WINDOW_MS });
}

export function clearLoginFailures(key: string): void {
  failures.delete(key);
}
