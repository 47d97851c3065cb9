// npm run lighthouse: Lighthouse (mobile) on a signed-in channel page of the production build.
// Builds if needed, starts the server on a temporary data folder and a free port, fills it through
// the API (a user, a community with a second channel, a member and 60 messages), signs in as the
// browser does (next-auth's credentials callback), puts that session cookie into a fresh Debian
// Chromium (CHROME_PATH, default /usr/bin/chromium) and runs Lighthouse from npm in it, mobile
// defaults, against /channels/<community>/<channel>, LIGHTHOUSE_RUNS times (default 3). Prints each
// run and the medians; writes every report and a summary under bench/results/tmp/ (not committed).
//
// Lighthouse is not a dependency: npx fetches the pinned version once into its cache, so no install
// of the app (CI, a deployment) pays for its ~70 packages. Figures taken under CPU contention are
// worthless: run it alone (each run records how busy the CPU was just before it).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import { productionServerEnv } from "./server-env.mjs";

const LIGHTHOUSE = "lighthouse@13.5.0";
const root = path.resolve(import.meta.dirname, "..");
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const outDir = path.join(root, "bench", "results", "tmp");
const stamp = new Date().toISOString().slice(0, 16).replace(":", "") + "Z";

/** Starts the production server on a free port; resolves with its URL once it listens. */
function startServer(dataDir) {
  const env = { ...process.env, ...productionServerEnv(), PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, RATE_LIMITS: "*=1000000/60" };
  for (const key of ["DATABASE_URL", "AUTH_SECRET", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "REDIS_URL"]) delete env[key];
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { child, url };
}

async function call(base, method, pathname, { token, body } = {}) {
  const response = await fetch(base + pathname, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const payload = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(payload)}`);
  return payload;
}

async function register(base, username) {
  const password = "correct horse battery";
  const { token } = await call(base, "POST", "/api/auth/register", { body: { username, email: `${username}@example.test`, password, display_name: username } });
  return { username, password, token };
}

const SAMPLES = [
  "Morning all! Has anyone looked at the **release notes** for this week?",
  "Yes, the `send_message` ack is in. See https://example.test/notes for the details.",
  "Nice. I'd like to try it on my phone before we ship:\n- open the channel\n- send a few messages\n- scroll up",
  "```\nnpm run lighthouse\n```\nprints the medians of three runs.",
  "_Small_ thing: the typing indicator flickers when I switch channels quickly.",
  "Noted, I'll take a look after lunch.",
];

/** A community with two channels, a second member and 60 messages of both: a page with some weight. */
async function seed(base) {
  const owner = await register(base, "lighthouse_owner");
  const member = await register(base, "lighthouse_member");
  const community = await call(base, "POST", "/api/channels/communities", { token: owner.token, body: { name: "Lighthouse" } });
  await call(base, "POST", `/api/channels/communities/${community.id}/join`, { token: member.token });
  await call(base, "POST", `/api/channels/communities/${community.id}/channels`, { token: owner.token, body: { name: "random" } });
  const channels = await call(base, "GET", `/api/channels/communities/${community.id}/channels`, { token: owner.token });
  const general = channels.find((channel) => channel.name === "general");
  for (let i = 0; i < 60; i++) {
    const author = i % 3 === 0 ? member : owner;
    await call(base, "POST", "/api/messages/send", { token: author.token, body: { channel_id: general.id, content: SAMPLES[i % SAMPLES.length] } });
  }
  return { owner, page: `/channels/${community.id}/${general.id}` };
}

/** The browser's sign-in: next-auth's CSRF token, then the credentials callback; its session cookie. */
async function browserSession(base, user) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, login: user.username, password: user.password, json: "true" }),
    redirect: "manual",
  });
  const session = signIn.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`browser sign-in set no session cookie: ${signIn.status}`);
  return session.split(";")[0];
}

// chrome-launcher's defaults (what Lighthouse starts Chrome with when it launches it itself).
const CHROME_FLAGS = [
  "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,CalculateNativeWinOcclusion,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater,AutofillServerCommunication,PrivacySandboxSettings4,RenderDocument",
  "--disable-extensions", "--disable-component-extensions-with-background-pages", "--disable-background-networking",
  "--disable-component-update", "--disable-client-side-phishing-detection", "--disable-sync", "--metrics-recording-only",
  "--disable-default-apps", "--mute-audio", "--no-default-browser-check", "--no-first-run", "--disable-backgrounding-occluded-windows",
  "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-ipc-flooding-protection",
  "--password-store=basic", "--use-mock-keychain", "--disable-hang-monitor", "--disable-prompt-on-repost", "--disable-domain-reliability",
  "--headless=new", "--no-sandbox",
];

/** Sends one command to Chromium's browser target over the DevTools protocol. */
function devtools(browserUrl, method, params) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(browserUrl);
    socket.once("error", reject);
    socket.once("open", () => socket.send(JSON.stringify({ id: 1, method, params })));
    socket.on("message", (data) => {
      const reply = JSON.parse(String(data));
      if (reply.id !== 1) return;
      socket.close();
      if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
      else resolve(reply.result);
    });
  });
}

/**
 * Debian's Chromium with the session cookie in its cookie jar, where the page's own fetches and its
 * WebSocket find it too. (`--extra-headers` reaches only the document request: the app's first API
 * call then answered 401 and it signed itself out, so Lighthouse measured the login page.)
 */
async function launchSignedInChromium(origin, cookie) {
  const profile = mkdtempSync(path.join(tmpdir(), "auraflow-lighthouse-chromium-"));
  const child = spawn(chromePath, [...CHROME_FLAGS, "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    // Chromium's helper processes may still be writing the profile as the browser exits.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
  try {
    const browserUrl = await new Promise((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`chromium did not start:\n${output}`)), 30_000);
      child.stderr.on("data", (chunk) => {
        output += chunk;
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once("exit", (code) => reject(new Error(`chromium exited with ${code}:\n${output}`)));
    });
    const [name, value] = cookie.split(/=(.*)/s);
    await devtools(browserUrl, "Storage.setCookies", { cookies: [{ name, value, url: origin, httpOnly: true, sameSite: "Lax" }] });
    return { port: new URL(browserUrl).port, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function runLighthouse(url, cookie, reportFile) {
  const chromium = await launchSignedInChromium(new URL(url).origin, cookie);
  try {
    const args = ["--yes", LIGHTHOUSE, url, "--only-categories=performance", "--form-factor=mobile", `--port=${chromium.port}`, "--output=json", `--output-path=${reportFile}`, "--quiet"];
    const result = spawnSync("npx", args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    if (result.status !== 0) throw new Error(`lighthouse exited with ${result.status}`);
  } finally {
    await chromium.close();
  }
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  if (report.finalDisplayedUrl !== url) throw new Error(`Lighthouse ended on ${report.finalDisplayedUrl}, not ${url}: the page did not stay signed in`);
  return report;
}

const kb = (bytes) => Math.round(bytes / 1024);

/** The figures the issue asks about, from one Lighthouse report. */
function figures(report) {
  const audits = report.audits;
  const requests = audits["network-requests"].details.items;
  const scripts = requests.filter((request) => request.resourceType === "Script");
  const fonts = requests.filter((request) => request.resourceType === "Font");
  // Lighthouse's unused-javascript audit lists only scripts that waste 20 KiB or more; the treemap
  // has every script's coverage, weighed here the way that audit weighs it (by transferred bytes).
  const listed = audits["unused-javascript"]?.details?.items ?? [];
  const coverage = new Map((audits["script-treemap-data"]?.details?.nodes ?? []).map((node) => [node.name, node]));
  const unusedOf = (request) => {
    const node = coverage.get(request.url);
    return node?.unusedBytes && node.resourceBytes ? (request.transferSize ?? 0) * (node.unusedBytes / node.resourceBytes) : 0;
  };
  return {
    performance: Math.round(report.categories.performance.score * 100),
    tbt_ms: Math.round(audits["total-blocking-time"].numericValue),
    lcp_ms: Math.round(audits["largest-contentful-paint"].numericValue),
    fcp_ms: Math.round(audits["first-contentful-paint"].numericValue),
    speed_index_ms: Math.round(audits["speed-index"].numericValue),
    cls: Number(audits["cumulative-layout-shift"].numericValue.toFixed(3)),
    js_kb: kb(scripts.reduce((sum, request) => sum + (request.transferSize ?? 0), 0)),
    unused_js_kb: kb(listed.reduce((sum, item) => sum + (item.wastedBytes ?? 0), 0)),
    unused_js_all_scripts_kb: kb(scripts.reduce((sum, request) => sum + unusedOf(request), 0)),
    font_kb: kb(fonts.reduce((sum, request) => sum + (request.transferSize ?? 0), 0)),
    scripts: scripts
      .map((request) => ({ url: new URL(request.url).pathname, kb: kb(request.transferSize ?? 0), unused_kb: kb(unusedOf(request)) }))
      .sort((a, b) => b.kb - a.kb),
  };
}

/** Busy share of all cores over `ms`, while this script and its idle server wait: other work on the machine. */
async function cpuBusyElsewhere(ms = 3000) {
  const sample = () => {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: fields[3] + fields[4], total: fields.reduce((sum, value) => sum + value, 0) };
  };
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = sample();
  return Math.round(100 * (1 - (after.idle - before.idle) / (after.total - before.total)));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const METRICS = ["performance", "tbt_ms", "lcp_ms", "fcp_ms", "speed_index_ms", "cls", "js_kb", "unused_js_kb", "unused_js_all_scripts_kb", "font_kb"];

function printMedians(results) {
  const medians = Object.fromEntries(METRICS.map((metric) => [metric, median(results.map((result) => result[metric]))]));
  console.log(`\nmedians of ${results.length} runs (${LIGHTHOUSE}, mobile, ${chromePath}, ${cpus().length} cores):`);
  console.log(`  performance ${medians.performance}, TBT ${medians.tbt_ms} ms, LCP ${medians.lcp_ms} ms, FCP ${medians.fcp_ms} ms, JS ${medians.js_kb} KB (unused: ${medians.unused_js_kb} KB in Lighthouse's audit, ${medians.unused_js_all_scripts_kb} KB over all scripts), fonts ${medians.font_kb} KB`);
  console.log("  scripts of the last run (KB transferred / unused):");
  for (const script of results.at(-1).scripts) console.log(`    ${String(script.kb).padStart(4)} / ${String(script.unused_kb).padStart(3)}  ${script.url}`);
  return medians;
}

/** Measures: build, server, seed, sign-in, then the Lighthouse runs. */
async function measure() {
  const build = spawnSync(process.execPath, [path.join(root, "scripts", "ensure-build.mjs")], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-lighthouse-"));
  const server = startServer(dataDir);
  try {
    const base = await server.url;
    const { owner, page } = await seed(base);
    const cookie = await browserSession(base, owner);
    // The first renders of a fresh process run cold code: warm the page up before measuring it.
    for (let i = 0; i < 5; i++) {
      const response = await fetch(base + page, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`GET ${page} answered ${response.status}: is the cookie accepted?`);
      await response.text();
    }

    mkdirSync(outDir, { recursive: true });
    const results = [];
    for (let run = 1; run <= runs; run++) {
      const busy = await cpuBusyElsewhere();
      const reportFile = path.join(outDir, `lighthouse-${stamp}-run${run}.json`);
      const result = { run, cpu_busy_before_pct: busy, ...figures(await runLighthouse(base + page, cookie, reportFile)) };
      results.push(result);
      const { scripts, ...shown } = result;
      console.log(`lighthouse run ${run}/${runs}:`, JSON.stringify(shown));
    }

    const medians = printMedians(results);
    const summary = { date: new Date().toISOString(), lighthouse: LIGHTHOUSE, chrome: chromePath, cores: cpus().length, page: "/channels/<community>/<channel>", runs: results, medians };
    const summaryFile = path.join(outDir, `lighthouse-${stamp}.json`);
    writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);

    const busiest = Math.max(...results.map((result) => result.cpu_busy_before_pct));
    if (busiest > 20) console.log(`  warning: other work kept the CPU ${busiest}% busy before a run: the figures are pessimistic`);
    console.log(`reports: ${path.relative(root, outDir)}/lighthouse-${stamp}-run*.json, summary ${path.relative(root, summaryFile)}`);
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => (server.child.exitCode !== null ? resolve() : server.child.once("exit", resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npm run lighthouse -- --reports FILE…`: the same figures from reports saved before.
const saved = process.argv.indexOf("--reports");
if (saved === -1) await measure();
else printMedians(process.argv.slice(saved + 1).map((file, i) => ({ run: i + 1, ...figures(JSON.parse(readFileSync(file, "utf8"))) })));
