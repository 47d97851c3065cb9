import { SECURITY_HEADERS } from "./lib/server/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: {
    root: import.meta.dirname,
    // The browser calls endpoints by method and path only: it gets the generated table instead of
    // the declarations with their zod schemas (scripts/api-routes.ts).
    resolveAlias: { "@/lib/api/endpoints": { browser: "./lib/api/routes.ts" } },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: SECURITY_HEADERS.map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
