import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM } from "./e2e/chromium";

// End-to-end tests in Chromium against the real production server (Next.js + Socket.IO), started
// by e2e/start-server.mjs on a fresh temporary data folder for every run.
const PORT = process.env.E2E_PORT ?? "5317";
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 2 : 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: CHROMIUM,
      },
    },
  ],
  webServer: {
    command: "node e2e/start-server.mjs",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { E2E_PORT: PORT },
    // Without this Playwright SIGKILLs the process group, and start-server.mjs could not remove
    // its temporary data folder. The server itself allows 10 s for a clean shutdown.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
