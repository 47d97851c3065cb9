import { chromium, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { api, createCommunity, openConnected, registerAccount, signIn, userPage, type Account } from "./helpers";

// Voice channels in real browsers: Chromium's fake microphone (a beep every so often, see
// playwright.config.ts) talks over real WebRTC connections between two browser contexts, and
// what the other side receives is read from the connections' own statistics.

declare global {
  interface Window {
    __peers: RTCPeerConnection[];
  }
}

/**
 * Keeps every RTCPeerConnection the pages of `context` create on `window.__peers`, from the test's
 * side: the app itself exposes none of them.
 */
async function recordPeers(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__peers = [];
    window.RTCPeerConnection = class extends Native {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        window.__peers.push(this);
      }
    };
  });
}

/** Audio received so far over the page's open connections: bytes, and the energy of what was decoded. */
function inboundAudio(page: Page): Promise<{ bytes: number; energy: number }> {
  return page.evaluate(async () => {
    const total = { bytes: 0, energy: 0 };
    for (const pc of window.__peers.filter((p) => p.connectionState !== "closed")) {
      (await pc.getStats()).forEach((report) => {
        if (report.type === "inbound-rtp" && report.kind === "audio") {
          total.bytes += report.bytesReceived ?? 0;
          total.energy += report.totalAudioEnergy ?? 0;
        }
      });
    }
    return total;
  });
}

/** How much `inboundAudio` grows over `ms`. */
async function inboundGrowth(page: Page, ms: number): Promise<{ bytes: number; energy: number }> {
  const before = await inboundAudio(page);
  await page.waitForTimeout(ms);
  const after = await inboundAudio(page);
  return { bytes: after.bytes - before.bytes, energy: after.energy - before.energy };
}

function callStatus(page: Page) {
  return page.getByRole("main").getByRole("status");
}

/** The sidebar's list of who is in the voice channel `name`. */
function roster(page: Page, name: string) {
  return page.getByRole("navigation", { name: /channels$/ }).getByRole("list", { name: `In ${name}` });
}

async function createVoiceChannel(request: Parameters<typeof api>[0], owner: Account, members: Account[]): Promise<{ community: number; channel: number }> {
  const community = await createCommunity(request, owner, members, "Voice test");
  const lounge = await api<{ id: number }>(request, owner, "POST", `/api/channels/communities/${community.id}/channels`, { name: "Lounge", type: "voice" });
  return { community: community.id, channel: lounge.id };
}

test("two people hear each other; muting silences one, and leaving shows in the sidebar at once", async ({ browser, request }) => {
  const alice = await registerAccount(request, "Alice");
  const bob = await registerAccount(request, "Bob");
  const voice = await createVoiceChannel(request, alice, [bob]);
  const path = `/channels/${voice.community}/${voice.channel}`;
  const a = await userPage(browser, alice);
  const b = await userPage(browser, bob);
  for (const { context, page } of [a, b]) {
    await recordPeers(context);
    await openConnected(page, path);
  }

  const joinStarted = Date.now();
  await a.page.getByRole("button", { name: "Join voice" }).click();
  await expect(callStatus(a.page)).toHaveText("Voice connected");
  await b.page.getByRole("button", { name: "Join voice" }).click();
  await expect(callStatus(b.page)).toHaveText("Voice connected");
  await expect(callStatus(a.page)).toHaveText("Voice connected");
  test.info().annotations.push({ type: "both joined (ms)", description: String(Date.now() - joinStarted) });

  for (const { page } of [a, b]) {
    await expect(roster(page, "Lounge").getByRole("listitem")).toHaveText([/Alice/, /Bob/]);
    await expect(page.getByRole("region", { name: "Voice call" })).toContainText("Lounge");
    await expect.poll(async () => (await inboundGrowth(page, 2000)).bytes, { message: "inbound audio bytes grow" }).toBeGreaterThan(1000);
  }

  // The fake microphone beeps: Bob sees Alice speak, in the sidebar and on her tile.
  const aliceInSidebar = roster(b.page, "Lounge").getByRole("listitem").filter({ hasText: "Alice" });
  await expect(aliceInSidebar.locator('[data-speaking="true"]')).toBeVisible({ timeout: 10_000 });
  await expect(aliceInSidebar).toContainText("(speaking)");

  const unmuted = await inboundGrowth(b.page, 1500);
  test.info().annotations.push({ type: "energy received by Bob in 1.5 s, Alice unmuted", description: String(unmuted.energy) });
  expect(unmuted.energy).toBeGreaterThan(0);

  await a.page.getByRole("main").getByRole("button", { name: "Mute", exact: true }).click();
  await expect(a.page.getByRole("region", { name: "User panel" }).getByRole("button", { name: "Mute", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(aliceInSidebar.getByRole("img", { name: "Muted" })).toBeVisible();
  // What was already on its way (the jitter buffer) plays out first.
  await b.page.waitForTimeout(500);
  const muted = await inboundGrowth(b.page, 1500);
  test.info().annotations.push({ type: "energy received by Bob in 1.5 s, Alice muted", description: String(muted.energy) });
  expect(muted.energy).toBeLessThan(unmuted.energy / 100);
  await expect(aliceInSidebar.locator('[data-speaking="true"]')).toHaveCount(0);

  await a.page.getByRole("button", { name: "Leave", exact: true }).click();
  await expect(roster(b.page, "Lounge").getByRole("listitem").filter({ hasText: "Alice" })).toHaveCount(0, { timeout: 2000 });
  await expect(roster(b.page, "Lounge").getByRole("listitem")).toHaveText([/Bob/]);
  await expect(a.page.getByRole("region", { name: "Voice call" })).toHaveCount(0);

  await a.context.close();
  await b.context.close();
});

/** A browser launched apart, with the project's arguments but `without` some of them. */
async function launchWithout(without: string[]): Promise<Browser> {
  const { launchOptions } = test.info().project.use;
  return chromium.launch({ ...launchOptions, args: (launchOptions?.args ?? []).filter((arg) => !without.includes(arg)) });
}

async function signedInPage(browser: Browser, account: Account, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, account);
  return { context, page };
}

test("without microphone permission, joining says how to allow it and nobody joins", async ({ request, baseURL }) => {
  const carol = await registerAccount(request, "Carol");
  const voice = await createVoiceChannel(request, carol, []);
  // A fake microphone is there, but nothing grants it: headless Chromium denies the request.
  const browser = await launchWithout(["--use-fake-ui-for-media-stream"]);
  try {
    const { page } = await signedInPage(browser, carol, baseURL!);
    await openConnected(page, `/channels/${voice.community}/${voice.channel}`);
    await page.getByRole("button", { name: "Join voice" }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Microphone access was denied. Allow it in your browser's site settings, then try again.");
    await expect(page.getByRole("button", { name: "Join voice" })).toBeEnabled();
    await expect(callStatus(page)).toHaveCount(0);
    expect((await api(request, carol, "GET", `/api/channels/${voice.channel}/voice`)).participants).toEqual([]);
  } finally {
    await browser.close();
  }
});
