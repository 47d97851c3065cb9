import type { Metadata } from "next";
import { SwaggerUi } from "@/components/docs/swagger-ui";

export const metadata: Metadata = { title: "API reference" };

export default function DocsPage() {
  return (
    <div className="min-h-full bg-white text-zinc-900">
      <header className="border-b border-zinc-200 px-6 py-4">
        <h1 className="text-xl font-semibold">Auraflow API reference</h1>
        <p className="mt-1 text-sm text-zinc-600">
          Generated from the server&apos;s own schemas (<a className="text-violet-700 underline" href="/api/openapi.json">/api/openapi.json</a>). Requests
          from this page use your browser session, or a token set with Authorize.
        </p>
      </header>
      <SwaggerUi />
    </div>
  );
}
