// npm test: build if needed, run the integration tests (node:test against the real server), then
// the Playwright end-to-end tests in Chromium, and close with one line of totals.
//   npm test            everything
//   npm run test:api    integration tests only (extra args: test files)
//   npm run test:e2e    Playwright only
//   npm run test:postgres   the integration and browser tests again on PostgreSQL, plus tests/postgres/ (needs
//                           TEST_DATABASE_URL: a server URL whose role may create databases; each
//                           test server gets a database of its own)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const [suite = "all", ...rest] = process.argv.slice(2);
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

// tests/postgres/ needs PostgreSQL; files about the SQLite engine itself have nothing to test there.
const onPostgres = suite === "postgres";
const forEngine = (file) => (onPostgres ? !/sqlite/.test(path.basename(file)) : !file.startsWith(`tests${path.sep}postgres${path.sep}`));
const env = {};
if (onPostgres) {
  if (!/^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? "")) {
    console.error("npm run test:postgres needs TEST_DATABASE_URL=postgresql://user:password@host:port/db (a role that may create databases)");
    process.exit(1);
  }
} else {
  // An inherited TEST_DATABASE_URL must not move `npm test` off SQLite.
  env.TEST_DATABASE_URL = "";
}

if (run(process.execPath, [path.join(root, "scripts", "ensure-build.mjs")]) !== 0) process.exit(1);

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRun = false;

if (suite === "all" || suite === "api" || onPostgres) {
  const tap = path.join(resultsDir, onPostgres ? "postgres.tap" : "api.tap");
  rmSync(tap, { force: true });
  const files = rest.length ? rest : testFiles(path.join(root, "tests")).filter(forEngine).sort();
  const status = run(process.execPath, [
    "--import", "tsx", "--test",
    "--test-reporter=spec", "--test-reporter-destination=stdout",
    "--test-reporter=tap", `--test-reporter-destination=${tap}`,
    ...files,
  ], env);
  const summary = existsSync(tap) ? readFileSync(tap, "utf8") : "";
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(summary)?.[1] ?? 0);
  totals.passed += count("pass");
  totals.failed += count("fail") + count("cancelled");
  totals.skipped += count("skipped") + count("todo");
  if (status !== 0 || count("pass") === 0) failedRun = true;
}

if (suite === "all" || suite === "e2e" || (onPostgres && !rest.length)) {
  const report = path.join(resultsDir, "e2e-results.json");
  rmSync(report, { force: true });
  const status = run(
    process.execPath,
    [path.join(root, "node_modules", "@playwright", "test", "cli.js"), "test", ...(suite === "e2e" ? rest : [])],
    onPostgres ? { E2E_POSTGRES_URL: process.env.TEST_DATABASE_URL } : {},
  );
  const stats = existsSync(report) ? JSON.parse(readFileSync(report, "utf8")).stats : null;
  totals.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  totals.failed += stats?.unexpected ?? 0;
  totals.skipped += stats?.skipped ?? 0;
  if (status !== 0 || !stats?.expected) failedRun = true;
}

console.log(`\nauraflow tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRun || totals.failed > 0 ? 1 : 0);
