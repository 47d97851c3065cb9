import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

// The voice measurement (bench/voice/voice.spec.ts) with the browser tests' server and Chromium.
export default defineConfig({
  ...base,
  testDir: ".",
  outputDir: "../../test-results/bench-voice",
  retries: 0,
  reporter: [["list"]],
  // The server starts from the project's root, as for the browser tests.
  webServer: { ...(base.webServer as object), cwd: path.resolve(import.meta.dirname, "../..") } as typeof base.webServer,
});
