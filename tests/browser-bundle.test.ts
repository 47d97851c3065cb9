import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { runInNewContext } from "node:vm";
import { projectRoot } from "./helpers/server";

const build = path.join(projectRoot, ".next");

/** The scripts the production build loads for a page of the app router (its client reference manifest). */
function pageScripts(page: string): Map<string, string> {
  const manifestFile = path.join(build, "server", "app", ...page.split("/"), "page_client-reference-manifest.js");
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  runInNewContext(readFileSync(manifestFile, "utf8"), { globalThis: sandbox });
  const files = new Set(Object.values(sandbox.__RSC_MANIFEST![`/${page}/page`].entryJSFiles).flat());
  return new Map([...files].map((file) => [file, readFileSync(path.join(build, file), "utf8")]));
}

describe("the channel page's JavaScript (production build)", () => {
  const scripts = pageScripts("channels/[communityId]/[channelId]");

  it("carries no zod: the browser calls endpoints from lib/api/routes.ts, not the schemas", () => {
    assert.ok(scripts.size > 0);
    for (const [file, code] of scripts) assert.ok(!code.includes("ZodError"), `${file} bundles zod`);
  });

  it("carries no next-auth client: it loads when a session ends", () => {
    for (const [file, code] of scripts) assert.ok(!code.includes("nextauth.message"), `${file} bundles next-auth/react`);
  });
});
