interface HeaderSource {
  get(name: string): string | null | undefined;
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Whether a browser request comes from one of the app's own pages. Browsers send Origin with every
 * unsafe request and WebSocket handshake, and Sec-Fetch-Site with every request; a page of another
 * origin cannot forge either, even one on the same site (another port, a sibling subdomain), to
 * which SameSite=Lax cookies still go. The app's origin is the host the request was sent to (or
 * NEXTAUTH_URL's). A request with neither header is not from a browser page: no CSRF possible.
 */
export function isFromOwnOrigin(headers: HeaderSource): boolean {
  const origin = headers.get("origin");
  if (origin) {
    const own = new Set([headers.get("host")?.toLowerCase(), hostOf(process.env.NEXTAUTH_URL)].filter(Boolean));
    const from = hostOf(origin);
    return from !== null && own.has(from);
  }
  const site = headers.get("sec-fetch-site");
  return !site || site === "same-origin" || site === "none";
}

export const foreignOriginMessage = "Cross-origin requests with cookies are refused; use a Bearer token";
