import { AsyncLocalStorage } from "node:async_hooks";
import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { limiter } from "../cluster/limiter";
import { getConfig } from "../config";
import { ApiError } from "../errors";
import type { Policy, PolicyName } from "./policies";

/** Where a counter stands after a request counted against it. */
export interface LimitState {
  policy: PolicyName | "slowmode" | "login_delay";
  limit: number;
  remaining: number;
  /** Milliseconds until the window ends (and the count starts again). */
  resetAfterMs: number;
}

// The limits one HTTP request met, so that its response can carry the X-RateLimit-* headers of the
// tightest. On globalThis: the route bundles and the custom server share one store.
const globalForLimits = globalThis as { __auraflowLimitScope?: AsyncLocalStorage<LimitState[]> };
const scope = (globalForLimits.__auraflowLimitScope ??= new AsyncLocalStorage<LimitState[]>());

/** Runs `work` collecting the limits it meets (see `tightestLimit`). */
export function withLimitScope<T>(work: () => Promise<T>): Promise<{ result: T; limits: LimitState[] }> {
  const limits: LimitState[] = [];
  return scope.run(limits, async () => ({ result: await work(), limits }));
}

/** The state the client should pace itself by: the one closest to refusing. */
export function tightestLimit(limits: readonly LimitState[]): LimitState | null {
  let tightest: LimitState | null = null;
  for (const state of limits) {
    if (!tightest || state.remaining < tightest.remaining || (state.remaining === tightest.remaining && state.resetAfterMs > tightest.resetAfterMs)) {
      tightest = state;
    }
  }
  return tightest;
}

const seconds = (ms: number) => Math.round(ms) / 1000;

function rateLimited(message: string, retryAfterMs: number, state: LimitState): ApiError {
  return new ApiError("rate_limited", message, { retry_after: seconds(Math.max(retryAfterMs, 1)), limit: state.policy });
}

/**
 * A refusal decided outside `consumeLimit` (a sign-in delay, a spent failure count): the 429, with
 * the response's headers showing that limit at 0.
 */
export function refuse(policy: LimitState["policy"], limit: number, retryAfterMs: number, message: string): ApiError {
  const state: LimitState = { policy, limit, remaining: 0, resetAfterMs: retryAfterMs };
  scope.getStore()?.push(state);
  return rateLimited(message, retryAfterMs, state);
}

function policyOf(name: PolicyName): Policy | undefined {
  return getConfig().rateLimits[name];
}

function counter(name: PolicyName, policy: Policy) {
  return limiter({ name: `rl:${name}:${policy.points}/${policy.seconds}`, points: policy.points, durationSeconds: policy.seconds });
}

const MESSAGES: Partial<Record<PolicyName, string>> = {
  message: "You are sending messages too fast in this channel",
  message_burst: "You are sending messages too fast",
  direct_message: "You are sending messages too fast in this conversation",
  register: "Too many accounts created from this address",
  login: "Too many sign-in attempts from this address",
  typing: "Too many typing updates",
  voice: "Too many voice updates",
  search: "You are searching too fast",
  bot_token: "Too many bot tokens issued: wait a few minutes",
  assistant: "You are asking the assistant too often",
  webhook: "This webhook is sending too fast",
};

/**
 * Counts one request against `name` for `key` (a user id, an address, …) and throws 429
 * `rate_limited` with `details.retry_after` (seconds) once the policy's points are spent. A policy
 * switched off (RATE_LIMITS) counts nothing. When the store fails, the request goes through: a
 * limit must not take the service down with it.
 */
export async function consumeLimit(name: PolicyName, key: string | number): Promise<void> {
  const policy = policyOf(name);
  if (policy) await consume(name, counter(name, policy), policy, key, MESSAGES[name] ?? "Too many requests");
}

/**
 * Slowmode: one message per `seconds` per member in a channel. Counted like the policies (Redis in
 * a cluster), under a counter per duration.
 */
export async function consumeSlowmode(channelId: number, userId: number, seconds: number): Promise<void> {
  const policy = { points: 1, seconds };
  const slowmode = limiter({ name: `rl:slowmode:${seconds}`, points: 1, durationSeconds: seconds });
  await consume("slowmode", slowmode, policy, `${channelId}:${userId}`, "Slowmode is on in this channel: wait before sending again");
}

/**
 * rate-limiter-flexible rejects with a RateLimiterRes when the points are spent, and with an Error
 * when its store fails. Not `instanceof`: the route bundles and the custom server each load their own
 * copy of the library, and a limiter created by one may be used by the other.
 */
function isRefusal(error: unknown): error is RateLimiterRes {
  return typeof error === "object" && error !== null && !(error instanceof Error) && "msBeforeNext" in error && "remainingPoints" in error;
}

async function consume(name: LimitState["policy"], counter: RateLimiterAbstract, policy: Policy, key: string | number, message: string): Promise<void> {
  let res: RateLimiterRes;
  let refused = false;
  try {
    res = await counter.consume(String(key));
  } catch (error) {
    if (!isRefusal(error)) {
      console.error(`[limits] ${name} could not count:`, error);
      return;
    }
    res = error;
    refused = true;
  }
  const state: LimitState = { policy: name, limit: policy.points, remaining: Math.max(0, res.remainingPoints), resetAfterMs: res.msBeforeNext };
  scope.getStore()?.push(state);
  if (refused) throw rateLimited(message, res.msBeforeNext, state);
}

/**
 * For counts kept after the fact (failures, with `penalize`): throws the 429 once `key` has spent
 * every point of `name` in the current window. `message` is given the time left.
 */
export async function assertNotSpent(name: PolicyName, key: string, message: (resetAfterMs: number) => string): Promise<void> {
  const policy = policyOf(name);
  if (!policy) return;
  const res = await counter(name, policy).get(key);
  if (res && res.consumedPoints >= policy.points) throw refuse(name, policy.points, res.msBeforeNext, message(res.msBeforeNext));
}

/** Adds a point without refusing (a failed sign-in counts after the fact). */
export async function penalize(name: PolicyName, key: string): Promise<number> {
  const policy = policyOf(name);
  if (!policy) return 0;
  const res = await counter(name, policy).penalty(key, 1);
  return res.consumedPoints;
}

export async function forgive(name: PolicyName, key: string): Promise<void> {
  const policy = policyOf(name);
  if (policy) await counter(name, policy).delete(key);
}

/** X-RateLimit-* headers (and Retry-After on a 429) for the tightest limit a request met. */
export function rateLimitHeaders(limits: readonly LimitState[], refusedAfterMs?: number): Record<string, string> {
  const state = tightestLimit(limits);
  if (!state) return {};
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(Math.ceil((Date.now() + state.resetAfterMs) / 1000)),
    "X-RateLimit-Reset-After": seconds(state.resetAfterMs).toFixed(3),
    "X-RateLimit-Policy": state.policy,
  };
  if (refusedAfterMs !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil(refusedAfterMs / 1000)));
  return headers;
}
