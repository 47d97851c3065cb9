import { chromium, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { io } from "socket.io-client";
import { api, expectNoSeriousA11yViolations, openConnected, registerAccount, screenshot, userPage } from "./helpers";
import { callStatus, createVoiceChannel, inboundAudio, inboundGrowth, recordPeers, roster, signedInPage } from "./voice-page";

// Voice channels in real browsers: Chromium's fake microphone (a beep every so often, see
// playwright.config.ts) talks over real WebRTC connections between two browser contexts, and
// what the other side receives is read from the connections' own statistics.

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
  await screenshot(b.page, "voice-call");
  await expectNoSeriousA11yViolations(b.page);

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

  // Bob deafens: he is muted too (Discord's rule), Alice sees it and hears him no more.
  const heardFromBob = await inboundGrowth(a.page, 1500);
  expect(heardFromBob.energy).toBeGreaterThan(0);
  await b.page.getByRole("region", { name: "User panel" }).getByRole("button", { name: "Deafen", exact: true }).click();
  await expect(b.page.getByRole("main").getByRole("button", { name: "Mute", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(roster(a.page, "Lounge").getByRole("listitem").filter({ hasText: "Bob" }).getByRole("img", { name: "Deafened" })).toBeVisible();
  await a.page.waitForTimeout(500);
  expect((await inboundGrowth(a.page, 1500)).energy).toBeLessThan(heardFromBob.energy / 100);

  await a.page.getByRole("button", { name: "Leave", exact: true }).click();
  await expect(roster(b.page, "Lounge").getByRole("listitem").filter({ hasText: "Alice" })).toHaveCount(0, { timeout: 2000 });
  await expect(roster(b.page, "Lounge").getByRole("listitem")).toHaveText([/Bob/]);
  await expect(a.page.getByRole("region", { name: "Voice call" })).toHaveCount(0);

  await a.context.close();
  await b.context.close();
});

test("after its socket drops, a participant is back in the same call and still heard", async ({ browser, request }) => {
  const dana = await registerAccount(request, "Dana");
  const evan = await registerAccount(request, "Evan");
  const voice = await createVoiceChannel(request, dana, [evan]);
  const path = `/channels/${voice.community}/${voice.channel}`;
  const d = await userPage(browser, dana);
  const e = await userPage(browser, evan);
  // Evan's Socket.IO connection goes through the test, which can cut it (the peer connections stay).
  let cut = () => {};
  await e.page.routeWebSocket(/\/socket\.io\//, (socket) => {
    socket.connectToServer();
    cut = () => void socket.close();
  });
  for (const { context, page } of [d, e]) {
    await recordPeers(context);
    await openConnected(page, path);
    await page.getByRole("button", { name: "Join voice" }).click();
    await expect(callStatus(page)).toHaveText("Voice connected");
  }
  await expect(roster(d.page, "Lounge").getByRole("listitem")).toHaveText([/Dana/, /Evan/]);

  cut();
  await expect(callStatus(e.page)).toHaveText("Reconnecting…");
  await expect(callStatus(e.page)).toHaveText("Voice connected", { timeout: 15_000 });
  // Past the server's grace period (5 s): had Evan not joined again, he would be gone by now.
  await d.page.waitForTimeout(6000);
  await expect(roster(d.page, "Lounge").getByRole("listitem")).toHaveText([/Dana/, /Evan/]);
  for (const { page } of [d, e]) {
    await expect.poll(async () => (await inboundGrowth(page, 1000)).bytes, { message: "inbound audio bytes grow" }).toBeGreaterThan(500);
  }
  await d.context.close();
  await e.context.close();
});

test("a full voice channel says so, and the person stays out", async ({ browser, request, baseURL }) => {
  const owner = await registerAccount(request, "Owner");
  const talkers = await Promise.all(Array.from({ length: 8 }, (_, i) => registerAccount(request, `Talker${i}`)));
  const latecomer = await registerAccount(request, "Late");
  const voice = await createVoiceChannel(request, owner, [...talkers, latecomer]);
  // The eight places (VOICE_MAX_PARTICIPANTS' default) taken by eight real sockets.
  const sockets = talkers.map((talker) => io(baseURL!, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token: talker.token } }));
  try {
    for (const socket of sockets) expect(await socket.timeout(10_000).emitWithAck("voice_join", { channel_id: voice.channel })).toMatchObject({ ok: true });
    const late = await userPage(browser, latecomer);
    await openConnected(late.page, `/channels/${voice.community}/${voice.channel}`);
    await expect(roster(late.page, "Lounge").getByRole("listitem")).toHaveCount(8);
    await late.page.getByRole("button", { name: "Join voice" }).click();
    await expect(late.page.getByRole("main").getByRole("alert")).toHaveText("This voice channel is full (at most 8 people)");
    await expect(late.page.getByRole("button", { name: "Join voice" })).toBeEnabled();
    expect((await api(request, owner, "GET", `/api/channels/${voice.channel}/voice`)).participants).toHaveLength(8);
    await late.context.close();
  } finally {
    for (const socket of sockets) socket.close();
  }
});

/** A browser launched apart, with the project's arguments but `without` some of them. */
async function launchWithout(without: string[]): Promise<Browser> {
  const { launchOptions } = test.info().project.use;
  return chromium.launch({ ...launchOptions, args: (launchOptions?.args ?? []).filter((arg) => !without.includes(arg)) });
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
