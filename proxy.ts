import { NextResponse, type NextRequest } from "next/server";

// Next.js runs this before every page (Next 16's name for middleware): a Content-Security-Policy
// with a fresh nonce per response, which Next puts on its own scripts (pages render per request
// for that), and Strict-Transport-Security when the page came over HTTPS.

function contentSecurityPolicy(nonce: string, https: boolean): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced ones load (Next's chunks, Swagger UI) run too; nothing else.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React's style attributes cannot carry a nonce; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Avatars and icons may be links to other HTTPS sites.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    // 'self' covers the Socket.IO WebSocket on the same host.
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  // Behind a TLS-terminating proxy the page still came over HTTPS.
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const policy = contentSecurityPolicy(nonce, https);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=31536000");
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API answers are JSON and static files carry no markup.
      source: "/((?!api/|_next/static|_next/image|icon.svg|docs/swagger/|emojibase/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
