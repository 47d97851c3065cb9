// The headers every response carries: next.config.mjs gives them to what Next.js answers, and
// lib/server/http/api-dispatch.ts to the /api answers it sends itself.
/** @type {ReadonlyArray<readonly [string, string]>} */
export const SECURITY_HEADERS = [
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
];
