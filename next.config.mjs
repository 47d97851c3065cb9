import { SECURITY_HEADERS } from "./lib/server/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // Next.js loads every page and route bundle at start by default: ~2.8 s of CPU per start on
    // these machines, for bundles most processes never use (server.ts answers /api itself). Each
    // now loads on its first request (a page's first view after a restart takes ~0.5 s longer).
    preloadEntriesOnStart: false,
  },
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
