import type { ApiResponse } from "./api";

// API_DISPATCH=compare (lib/server/http/api-dispatch.ts): a request with this header goes through
// Next.js's request pipeline, one without it to the route handler directly; tests compare the two.
export const DISPATCH_HEADER = "x-auraflow-dispatch";

/** Whether Next.js answered: it names its own request headers in Vary. */
export const throughNext = (vary: string | null | undefined): boolean => /\brsc\b/.test(vary ?? "");

// What differs between two answers to the same request without meaning anything: when it was sent,
// how the body was framed and compressed, the counter of the rate limit it met, the health answer's
// seconds since the start.
const CIRCUMSTANTIAL = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "vary", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-reset-after"]);

export function comparable(response: ApiResponse) {
  const headers = [...response.headers].filter(([name]) => !CIRCUMSTANTIAL.has(name)).sort(([a], [b]) => a.localeCompare(b));
  return { status: response.status, headers, body: response.text.replace(/"uptime_seconds":\d+/g, '"uptime_seconds":0') };
}
