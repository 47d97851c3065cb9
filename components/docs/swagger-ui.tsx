"use client";

import Script from "next/script";

declare global {
  interface Window {
    SwaggerUIBundle?: (options: Record<string, unknown>) => unknown;
  }
}

/** Swagger UI over /api/openapi.json; "Try it out" sends the browser's session cookie or a Bearer token. */
export function SwaggerUi() {
  return (
    <>
      <link rel="stylesheet" href="/docs/swagger/swagger-ui.css" />
      <Script
        src="/docs/swagger/swagger-ui-bundle.js"
        strategy="afterInteractive"
        onReady={() => {
          window.SwaggerUIBundle?.({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, persistAuthorization: true });
        }}
      />
      <div id="swagger-ui" />
    </>
  );
}
