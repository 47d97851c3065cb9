// How the browser tests launch Chromium (playwright.config.ts, and the cluster suite's voice call):
// the Debian chromium package, since `npx playwright install` needs internet access; no calls home
// (this machine's network is closed); voice calls get a fake microphone (a periodic beep) and the
// permission to use it without asking.
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
  ],
};
