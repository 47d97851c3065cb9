// npm test: build if needed, run the integration tests (node:test against the real server), then
// the Playwright end-to-end tests in Chromium, and close with one line of totals.
//   npm test            everything
//   npm run test:api    integration tests only (extra args: test files)
//   npm run test:e2e    Playwright only
//   npm run test:postgres   the integration tests again on PostgreSQL, plus tests/postgres/ (needs
//                           TEST_DATABASE_URL: a server URL whose role may create databases; each
//                           test server gets a database of its own), every request through Next.js
//                           (API_DISPATCH=next). Files that start no server of ours run once, on
//                           SQLite. `--without-contract` leaves out the contract suites, which the
//                           cluster run puts through PostgreSQL and Next.js anyway (.ci/run: CI's
//                           30 minutes). The browser tests run once, in `npm test`:
//                           `E2E_POSTGRES_URL=<url> npm run test:e2e` runs them on PostgreSQL.
//   npm run test:cluster    tests/cluster/ (3 nodes behind nginx, kill -9, drain, Redis loss), then the
//                           contract suites against a 3-node cluster through nginx, every request
//                           through Next.js (needs TEST_DATABASE_URL, TEST_REDIS_URL and nginx; each
//                           cluster gets its own database and Redis key prefix)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const [suite = "all", ...args] = process.argv.slice(2);
const withoutContract = args.includes("--without-contract");
const rest = args.filter((arg) => arg !== "--without-contract");
const resultsDir = path.join(root, "test-results");
mkdirSync(resultsDir, { recursive: true });

function run(command, args, env = {}) {
  return spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } }).status ?? 1;
}

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "helpers" ? [] : testFiles(full);
    return entry.name.endsWith(".test.ts") ? [path.relative(root, full)] : [];
  });
}

// The suites that define the API's and the events' contract, run again against a cluster.
const CONTRACT_SUITES = ["attachments", "auth", "channels", "communities", "direct-messages", "friends", "mentions", "messages", "pins", "reactions", "realtime-events", "realtime-handshake", "search", "users", "voice"]
  .map((name) => path.join("tests", `${name}.test.ts`));

// Files that start no server of ours (units, static checks, the AI client against its fake model):
// nothing in them depends on the database engine or on how /api requests are dispatched.
const SERVERLESS_SUITES = new Set(["ai-client", "api-routes", "browser-bundle", "mention-text", "next-path", "permissions", "user-agent"]
  .map((name) => path.join("tests", `${name}.test.ts`)));

// tests/postgres/ needs PostgreSQL and tests/cluster/ a cluster; files about the SQLite engine
// itself have nothing to test on PostgreSQL.
const onPostgres = suite === "postgres";
const onCluster = suite === "cluster";
const inFolder = (file, folder) => file.startsWith(`tests${path.sep}${folder}${path.sep}`);
const forPostgres = (file) => !/sqlite/.test(path.basename(file)) && !SERVERLESS_SUITES.has(file) && !(withoutContract && CONTRACT_SUITES.includes(file));
const forEngine = (file) => !inFolder(file, "cluster") && (onPostgres ? forPostgres(file) : !inFolder(file, "postgres"));
const env = {};
if (onPostgres || onCluster) {
  if (!/^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? "")) {
    console.error(`npm run test:${suite} needs TEST_DATABASE_URL=postgresql://user:password@host:port/db (a role that may create databases)`);
    process.exit(1);
  }
  if (onCluster && !/^rediss?:\/\//.test(process.env.TEST_REDIS_URL ?? "")) {
    console.error("npm run test:cluster needs TEST_REDIS_URL=redis://host:port (and nginx installed)");
    process.exit(1);
  }
  // The PostgreSQL run sends every request through Next.js's request pipeline (API_DISPATCH=next):
  // `npm test` and the cluster suites use the default, the custom server calling the /api route
  // handlers itself, so that CI runs the whole API suite both ways (lib/server/http/api-dispatch.ts).
  if (onPostgres) env.API_DISPATCH = process.env.API_DISPATCH ?? "next";
} else {
  // An inherited TEST_DATABASE_URL must not move `npm test` off SQLite.
  env.TEST_DATABASE_URL = "";
}

if (run(process.execPath, [path.join(root, "scripts", "ensure-build.mjs")]) !== 0) process.exit(1);

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRun = false;

function runNodeTests(name, files, extraEnv = {}, options = []) {
  const tap = path.join(resultsDir, `${name}.tap`);
  rmSync(tap, { force: true });
  const status = run(process.execPath, [
    "--import", "tsx", "--test", ...options,
    "--test-reporter=spec", "--test-reporter-destination=stdout",
    "--test-reporter=tap", `--test-reporter-destination=${tap}`,
    ...files,
  ], { ...env, ...extraEnv });
  const summary = existsSync(tap) ? readFileSync(tap, "utf8") : "";
  const count = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, "m").exec(summary)?.[1] ?? 0);
  totals.passed += count("pass");
  totals.failed += count("fail") + count("cancelled");
  totals.skipped += count("skipped") + count("todo");
  if (status !== 0 || count("pass") === 0) failedRun = true;
}

if (suite === "all" || suite === "api" || onPostgres) {
  // Two files at a time: each starts its own server and mostly waits on it, so on 2 cores this
  // takes about two thirds of the time of one at a time (Node's default there).
  runNodeTests(onPostgres ? "postgres" : "api", rest.length ? rest : testFiles(path.join(root, "tests")).filter(forEngine).sort(), {}, ["--test-concurrency=2"]);
}

if (onCluster) {
  // tests/cluster/ one file at a time: kill -9, failover and presence timings want the CPU to spare.
  runNodeTests("cluster", rest.length ? rest : testFiles(path.join(root, "tests", "cluster")).sort(), {}, ["--test-concurrency=1"]);
  // Through Next.js's request pipeline, like the PostgreSQL run: with `test:postgres --without-contract`
  // (CI), every suite runs once on PostgreSQL and once through Next.js (tests/cluster/ covers the
  // default, direct dispatch in a cluster). Two clusters at a time: one keeps 2 cores ~75 % busy.
  if (!rest.length) runNodeTests("cluster-contract", CONTRACT_SUITES, { TEST_CLUSTER: "1", API_DISPATCH: process.env.API_DISPATCH ?? "next" }, ["--test-concurrency=2"]);
}

if (suite === "all" || suite === "e2e") {
  const report = path.join(resultsDir, "e2e-results.json");
  rmSync(report, { force: true });
  const status = run(
    process.execPath,
    [path.join(root, "node_modules", "@playwright", "test", "cli.js"), "test", ...(suite === "e2e" ? rest : [])],
    env,
  );
  const stats = existsSync(report) ? JSON.parse(readFileSync(report, "utf8")).stats : null;
  totals.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  totals.failed += stats?.unexpected ?? 0;
  totals.skipped += stats?.skipped ?? 0;
  if (status !== 0 || !stats?.expected) failedRun = true;
}

console.log(`\nauraflow tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRun || totals.failed > 0 ? 1 : 0);
