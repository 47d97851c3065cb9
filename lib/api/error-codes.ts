/**
 * The HTTP status of each generic code of the API's error body `{ "error": { "code", ... } }`.
 * A domain code (`timed_out`, `banned`…) names its status where it is thrown. Shared with the
 * browser, which meets the same body without a status in a socket event's ack.
 */
export const STATUS_BY_CODE = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;
