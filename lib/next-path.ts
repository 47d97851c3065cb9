/**
 * Where to go after signing in or registering, taken from a `?next=` parameter: only a path on
 * this site ("/invite/abc"), never "//other.host", "/\other.host" or anything with control
 * characters (browsers drop tabs and newlines, turning "/\t/host" into "//host").
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 512) return null;
  if (!value.startsWith("/") || value.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(value)) return null;
  const base = "http://auraflow.invalid";
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : null;
}

/** `path` with `?next=` set when there is somewhere to come back to. */
export function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
