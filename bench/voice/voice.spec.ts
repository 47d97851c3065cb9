import { readdirSync, readFileSync } from "node:fs";
import { chromium, expect, test, type Browser, type Page } from "@playwright/test";
import { openConnected, registerAccount, type Account } from "../../e2e/helpers";
import { callStatus, createVoiceChannel, recordPeers, roster, signedInPage } from "../../e2e/voice-page";

// `npm run bench:voice`: how long joining a voice call takes, and what a call costs each
// participant's browser, with the real server and Chromium's fake microphone. Figures, not
// pass/fail: every participant runs in a browser of its own so that its processes can be told apart.

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

test("measures the join time and the browser CPU per participant", async ({ request, baseURL }) => {
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
