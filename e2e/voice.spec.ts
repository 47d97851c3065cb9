import { readdirSync, readFileSync } from "node:fs";
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { api, createCommunity, expectNoSeriousA11yViolations, openConnected, registerAccount, screenshot, signIn, userPage, type Account } from "./helpers";
import { callStatus, inboundAudio, inboundGrowth, recordPeers, roster } from "./voice-page";

// Voice channels in real browsers: Chromium's fake microphone (a beep every so often, see
// playwright.config.ts) talks over real WebRTC connections between two browser contexts, and
// what the other side receives is read from the connections' own statistics.

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

/**
 * CPU time (user + system, seconds) of a process and all of its descendants, from /proc (Linux),
 * by Chromium process type (`--type=renderer`, `utility` for the audio and network services...).
 */
function processTreeCpu(rootPid: number): Map<string, number> {
  const ticksPerSecond = 100; // USER_HZ: 100 on every Linux architecture Node runs on.
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // The command name may hold spaces and parentheses: the fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    ticks.set(pid, Number(fields[11]) + Number(fields[12]));
  }
  const byType = new Map<string, number>();
  for (const queue = [rootPid]; queue.length > 0; ) {
    const pid = queue.pop()!;
    let type = "browser";
    try {
      // Chromium rewrites its process title: the arguments may be separated by spaces, not NULs.
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split(/[\0 ]/);
      type = [args.find((arg) => arg.startsWith("--type="))?.slice(7), args.find((arg) => arg.startsWith("--utility-sub-type="))?.split(".").at(-1)].filter(Boolean).join(":") || "browser";
    } catch {
      // ended meanwhile: counted as the browser's
    }
    byType.set(type, (byType.get(type) ?? 0) + (ticks.get(pid) ?? 0) / ticksPerSecond);
    queue.push(...(children.get(pid) ?? []));
  }
  return byType;
}

interface Participant {
  pid: number;
  browser: Browser;
  page: Page;
  /** The page's main-thread task time, from Chromium's own Performance.getMetrics. */
  taskSeconds: () => Promise<number>;
  close: () => Promise<void>;
}

/** A participant in a browser of its own (launched as a server, for the process id), signed in. */
async function launchParticipant(account: Account, baseURL: string): Promise<Participant> {
  const server = await chromium.launchServer(test.info().project.use.launchOptions);
  const browser = await chromium.connect(server.wsEndpoint());
  const { context, page } = await signedInPage(browser, account, baseURL);
  await recordPeers(context);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  return {
    pid: server.process().pid!,
    browser,
    page,
    taskSeconds: async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration")!.value,
    close: () => server.close(),
  };
}

const percent = (cpuSeconds: number, seconds: number) => Math.round((cpuSeconds / seconds) * 1000) / 10;

/**
 * CPU per participant over `seconds`, in % of one core: the whole browser (every process), the
 * same by process type, and the page's main thread (Chromium's TaskDuration).
 */
async function sampleCpu(participants: Participant[], seconds: number) {
  const before = await Promise.all(participants.map(async (p) => ({ tree: processTreeCpu(p.pid), task: await p.taskSeconds() })));
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return Promise.all(
    participants.map(async (p, i) => {
      const byType = [...processTreeCpu(p.pid)].map(([type, cpu]) => [type, percent(cpu - (before[i].tree.get(type) ?? 0), seconds)] as const);
      return {
        browser: percent(byType.reduce((sum, [, value]) => sum + value, 0) * seconds / 100, seconds),
        mainThread: percent((await p.taskSeconds()) - before[i].task, seconds),
        byType: Object.fromEntries(byType.filter(([, value]) => value > 0)),
      };
    }),
  );
}

/** Clicks Join and resolves with the milliseconds until the call says "Voice connected" and audio comes in. */
async function timeJoin(page: Page): Promise<number> {
  const started = performance.now();
  await page.getByRole("button", { name: "Join voice" }).click();
  await page.waitForFunction(
    async () => {
      if (document.querySelector('main [role="status"]')?.textContent !== "Voice connected") return false;
      for (const pc of window.__peers.filter((p) => p.connectionState === "connected")) {
        let bytes = 0;
        (await pc.getStats()).forEach((report) => {
          if (report.type === "inbound-rtp" && report.kind === "audio") bytes += report.bytesReceived ?? 0;
        });
        if (bytes > 0) return true;
      }
      return false;
    },
    undefined,
    { polling: 10, timeout: 20_000 },
  );
  return Math.round(performance.now() - started);
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

// Opt-in (VOICE_MEASURE=1): figures for the README, not pass/fail; every participant in a
// browser of its own so that each one's processes can be told apart.
test("measures the join time and the browser CPU per participant", async ({ request, baseURL }) => {
  test.skip(!process.env.VOICE_MEASURE, "a measurement: run with VOICE_MEASURE=1");
  test.setTimeout(300_000);
  const accounts = [await registerAccount(request, "Ann"), await registerAccount(request, "Ben"), await registerAccount(request, "Cal")];
  const voice = await createVoiceChannel(request, accounts[0], accounts.slice(1));
  const path = `/channels/${voice.community}/${voice.channel}`;
  const [ann, ben, cal] = await Promise.all(accounts.map((account) => launchParticipant(account, baseURL!)));
  const report = (type: string, value: unknown) => {
    test.info().annotations.push({ type, description: JSON.stringify(value) });
    console.log(`${type}: ${JSON.stringify(value)}`);
  };
  try {
    for (const p of [ann, ben, cal]) await openConnected(p.page, path);
    report("CPU % in the channel, not joined (Ann)", await sampleCpu([ann], 10));

    await ann.page.getByRole("button", { name: "Join voice" }).click();
    await expect(callStatus(ann.page)).toHaveText("Voice connected");
    const joins: number[] = [];
    for (let run = 0; run < 5; run++) {
      joins.push(await timeJoin(ben.page));
      await ben.page.getByRole("button", { name: "Leave", exact: true }).click();
      await expect(roster(ann.page, "Lounge").getByRole("listitem")).toHaveCount(1);
    }
    report("join to voice connected with audio in (ms), 5 runs", joins);
    report("join time median (ms)", median(joins));

    await timeJoin(ben.page);
    await ann.page.waitForTimeout(3000);
    report("CPU % per participant, 2 in the call [Ann, Ben]", await sampleCpu([ann, ben], 10));
    await timeJoin(cal.page);
    await ann.page.waitForTimeout(3000);
    report("CPU % per participant, 3 in the call [Ann, Ben, Cal]", await sampleCpu([ann, ben, cal], 10));
  } finally {
    for (const p of [ann, ben, cal]) await p.close();
  }
});
