// npm run bench: the production app against two bare baselines, side by side in one run.
// See bench/README.md for what each scenario measures and how to read the table.
//   BENCH_QUICK=1        short smoke run (~1–2 min), results under bench/results/tmp/
//   BENCH_DB=postgres    the app on PostgreSQL against bare-pg (default sqlite, against bare-sqlite);
//                        the server from BENCH_POSTGRES_URL (else TEST_DATABASE_URL), a role that may
//                        CREATE DATABASE
//   BENCH_SCENARIOS=1,4  only these scenarios (1–8; 6 is SQLite's only, 7 PostgreSQL's only; 8, search over
//                        1,000,000 messages, runs only when named here, e.g. BENCH_SCENARIOS=8)
//   BENCH_REDIS_URL=redis://…  scenario 7's Redis (default redis://127.0.0.1:6379); it also needs nginx
//   BENCH_ROUNDS=5       rounds for the alternating comparisons (default 3; quick 1)
//   BENCH_APP_NODE_FLAGS="--trace-gc"   extra node flags for the app server (experiments)
//   BENCH_LOG_DIR=dir     append every server's output to dir/<name>.log
//   BENCH_PROFILE=dir    run the app with --cpu-prof into dir and print its top self-time functions
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startNginx, type Nginx } from "../scripts/nginx";
import { productionServerEnv } from "../scripts/server-env.mjs";
import { saturationChart } from "./lib/chart";
import { addressPerNode, BenchRedis, checkClusterServices, freePort, nginxPids, processCpuMeter, redisUrlFromEnv, type RedisInfo } from "./lib/cluster";
import { BARE_BASELINE, ENGINE_NAME, ENGINE_SCENARIOS, engineFromEnv, OPT_IN_SCENARIOS } from "./lib/engine";
import { adminUrlFromEnv, BenchDatabases, POOL_SIZE, type PostgresInfo } from "./lib/postgres";
import {
  HAS_TASKSET,
  LoadClient,
  collectAndMeasure,
  coreAvailability,
  cpuPressure,
  cpuSeconds,
  rssBytes,
  settle,
  startServer,
  type Server,
} from "./lib/procs";
import { summariseProfile, type Window } from "./lib/profile";
import type {
  BenchUser,
  ClusterSetupName,
  ConnectResult,
  FloorResult,
  HistoryResult,
  HoldResult,
  LoginResult,
  SendResult,
  Target,
  TargetName,
} from "./lib/protocol";
import { median, P99_LIMIT_MS, REACH_LIMIT, round } from "./lib/stats";
import { renderTable, type ClusterSummary } from "./lib/table";
import type { OrmQueryResult } from "./orm";
import { SEARCH_MESSAGES, searchQueries, seedPostgresSearch, seedSqliteSearch } from "./search";
import type { SeedLayout } from "./seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const QUICK = process.env.BENCH_QUICK === "1";
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
/** A setting read from the environment; a wrong one stops the run with its message alone. */
function setting<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    process.exit(2);
  }
}
const ENGINE = setting(engineFromEnv);
/** PostgreSQL runs: the server the benchmark creates its databases on. */
const POSTGRES_ADMIN_URL = ENGINE === "postgresql" ? setting(adminUrlFromEnv) : undefined;
/** Baseline (b): the app's database work on the bare driver of the engine under test. */
const BASELINE = BARE_BASELINE[ENGINE];
const SERVER_CORE = 0;
const LOAD_CORE = 1;

const settings = {
  users: QUICK ? 300 : 1000,
  channelMembers: 100,
  historyMessages: 100_000,
  rounds: Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3)),
  rate: 200,
  sendMs: QUICK ? 3_000 : 10_000,
  drainMs: 3_000,
  // Long enough for V8 to optimise the app's send path (Next's request pipeline is a lot of code):
  // with 1 s, the first measured app round still carried a 100+ ms p99 of cold code.
  warmMs: QUICK ? 2_000 : 5_000,
  ladder: QUICK ? [100, 200, 400, 800, 1600] : [50, 100, 150, 200, 300, 450, 650, 900, 1250, 1700, 2300],
  stepMs: 1_500,
  stepDrainMs: 2_000,
  historyConnections: 50,
  historyS: QUICK ? 2 : 4,
  // The app's route runs through far more code than the baseline's; V8 needs a few seconds of
  // traffic to optimise it. Both are warmed the same, then measured in steady state.
  historyWarmS: QUICK ? 3 : 6,
  floorS: QUICK ? 2 : 3,
  ormMs: QUICK ? 300 : 1_000,
  holdSockets: QUICK ? 1_000 : 10_000,
  holdBudgetMs: QUICK ? 30_000 : 100_000,
  holdMs: 3_000,
  searchConnections: 10,
  searchS: QUICK ? 2 : 4,
  searchWarmS: QUICK ? 1 : 2,
};
const requestedScenarios = (process.env.BENCH_SCENARIOS ?? (PROFILE_DIR ? "1" : "1,2,3,4,5,6,7")).split(",").map(Number);
const scenarios = setting(() => {
  const runnable = new Set(requestedScenarios.filter((n) => ENGINE_SCENARIOS[ENGINE].includes(n)));
  if (runnable.size === 0) throw new Error(`none of the scenarios ${requestedScenarios.join(",")} runs on ${ENGINE_NAME[ENGINE]}`);
  return runnable;
});

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "—");
/** The monotonic clock the V8 profiler stamps its samples with, in microseconds. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
/** When the app was under measured load, by kind: the parts of its CPU profile that are summarised. */
const profileWindows = new Map<string, Window[]>();
const underLoad = (kind: string, from: number) => void (profileWindows.get(kind) ?? profileWindows.set(kind, []).get(kind)!).push([from, monotonicUs()]);

interface MeasuredSend extends SendResult {
  target: TargetName;
  round: number;
  serverCpuS: number;
  serverCpuShare: number;
  serverRssMiB: number;
  /** /proc/pressure/cpu "some avg10" at the end of the run: other tenants' share of the wait. */
  cpuPressure: number;
  /** PostgreSQL runs: what the backends serving the server's database used, as a share of one core. */
  databaseCpuShare?: number;
}

interface ConnectionsFigures extends HoldResult {
  stoppedBy: string;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  heapBeforeMiB: number;
  heapAfterMiB: number;
  kibPerSocket: number;
  heapKibPerSocket: number;
  serverCpuMsPerHandshake: number;
}

/**
 * Starts measuring the CPU a server uses, and on PostgreSQL the CPU of the backends serving its
 * database (where its database work happens, off its core); the function it returns reads both
 * as shares of one core since the start (the database's undefined on SQLite, left out of the JSON).
 */
async function cpuMeter(server: Server) {
  const databaseCpuSeconds = databases ? await databases.backendCpu(server.name as TargetName) : undefined;
  const t0 = performance.now();
  const before = cpuSeconds(server.pid);
  return async () => {
    const wallS = (performance.now() - t0) / 1000;
    const serverCpuS = cpuSeconds(server.pid) - before;
    const databaseCpuShare = databaseCpuSeconds && (await databaseCpuSeconds()) / wallS;
    return { serverCpuS, serverCpuShare: serverCpuS / wallS, databaseCpuShare };
  };
}
const databaseCpu = (share: number | undefined) =>
  share !== undefined && Number.isFinite(share) ? `, its PostgreSQL backends' CPU ${(share * 100).toFixed(0)}%` : "";
/** The median of a PostgreSQL-only figure; undefined (left out of the JSON) on SQLite. */
const databaseMedian = (values: (number | undefined)[]) => (databases ? median(values.map(Number)) : undefined);

/** A step of the saturation ladder passes when every delivery arrived, soon enough. */
const isGood = (run: SendResult) => run.reach >= REACH_LIMIT && run.p99 <= P99_LIMIT_MS;

/**
 * Where the databases live: tmpfs (/dev/shm) when there is one, so that a stall of a shared disk
 * (an fsync at a WAL checkpoint) does not land in the figures; BENCH_TMPDIR chooses another place.
 */
function tempBase(): string {
  if (process.env.BENCH_TMPDIR) return process.env.BENCH_TMPDIR;
  try {
    accessSync("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return os.tmpdir();
  }
}

function ensureBuild(): void {
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "ensure-build.mjs")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("the production build failed");
}

function seed(tmp: string): SeedLayout {
  const layoutFile = path.join(tmp, "layout.json");
  mkdirSync(path.join(tmp, "app"));
  mkdirSync(path.join(tmp, "orm"));
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "bench", "seed.ts"), layoutFile, path.join(tmp, "bare.db"), ...(scenarios.has(6) ? [path.join(tmp, "orm", "auraflow.db")] : [])],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        DATA_DIR: path.join(tmp, "app"),
        AUTH_SECRET: authSecret,
        BENCH_USERS: String(settings.users),
        BENCH_CHANNEL_MEMBERS: String(settings.channelMembers),
        BENCH_HISTORY_MESSAGES: String(settings.historyMessages),
      },
    },
  );
  if (result.status !== 0) throw new Error("seeding failed");
  return JSON.parse(readFileSync(layoutFile, "utf8")) as SeedLayout;
}

const authSecret = `bench-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}-secret-of-32-chars-at-least`;

/** The app's SQLite database, seeded; on PostgreSQL, what db:copy copies from. */
const appSqliteFile = (tmp: string) => path.join(tmp, "app", "auraflow.db");

/** PostgreSQL runs: the app's and bare-pg's databases. */
let databases: BenchDatabases | undefined;

/**
 * Every server's environment: the app's production one (malloc arenas included), so that all run
 * alike, on a free port, with its PostgreSQL database (none on SQLite) and the same pool size. A
 * REDIS_URL of the caller's environment is not passed on: only scenario 7 runs cluster nodes.
 */
const serverEnv = (databaseUrl: string | undefined) => ({
  ...productionServerEnv(),
  // Every benchmark user signs in from this one address; the load itself runs under the defaults,
  // except the per-user request budget (600/min): scenario 4 reads history as one user at
  // thousands of requests a second. The limiter still counts every request.
  RATE_LIMITS: "login=1000000/60,anonymous=1000000/60,api=1000000/60,search=1000000/60",
  HOST: "127.0.0.1",
  PORT: "0",
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: String(POOL_SIZE),
  REDIS_URL: undefined,
});

/**
 * The app server on its database. `name` tells the processes of scenario 7 apart (logs, errors);
 * `env` adds to its environment (REDIS_URL and REDIS_PREFIX for a cluster node).
 */
function appServer(tmp: string, options: { inspect?: boolean; name?: string; env?: Record<string, string> } = {}): Promise<Server> {
  const { inspect = false, name = "app" } = options;
  const profile = PROFILE_DIR && name === "app" && !inspect ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const extra = (process.env.BENCH_APP_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  return startServer(name, [...profile, ...extra, "--import", "tsx", path.join(root, "server.ts")], {
    cwd: root,
    core: SERVER_CORE,
    inspect,
    portPattern: /listening on http:\/\/[^:]+:(\d+)/,
    env: { ...serverEnv(databases?.url("app")), DATA_DIR: path.join(tmp, "app"), AUTH_SECRET: authSecret, ...options.env },
  });
}

function baselineServer(name: Exclude<TargetName, "app">, tmp: string, inspect = false): Promise<Server> {
  return startServer(name, ["--import", "tsx", path.join(root, "bench", "baselines", `${name}.ts`)], {
    cwd: root,
    core: SERVER_CORE,
    inspect,
    portPattern: /listening (\d+)/,
    env: { ...serverEnv(name === "bare-pg" ? databases!.url("bare-pg") : undefined), DB_FILE: path.join(tmp, "bare.db") },
  });
}

/** The app as the load client talks to it: at `baseUrl`, one server or nginx in front of nodes. */
const appTarget = (name: "app" | ClusterSetupName, baseUrl: string): Target => ({
  name,
  baseUrl,
  loginPath: "/api/auth/login",
  sendPath: "/api/messages/send",
  sendEvent: "send_message",
  historyPath: "/api/messages/channel/{id}?limit=50",
});

function targetOf(server: Server): Target {
  switch (server.name) {
    case "app":
      return appTarget("app", server.baseUrl);
    case "bare-relay":
      return { name: "bare-relay", baseUrl: server.baseUrl, loginPath: "/login", sendEvent: "send" };
    default:
      return { name: BASELINE, baseUrl: server.baseUrl, loginPath: "/login", sendPath: "/send", sendEvent: "send_message", historyPath: "/history/{id}?limit=50" };
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    taskset: HAS_TASKSET,
    openFilesLimit: Number(spawnSync("bash", ["-c", `ulimit -n "$(ulimit -Hn)" 2>/dev/null; ulimit -n`], { encoding: "utf8" }).stdout.trim()),
    loadAverageAtStart: os.loadavg().map((v) => round(v, 2)),
    /** Share of a core a pinned busy loop got, per core: below ~0.9 means other tenants were busy. */
    coreAvailabilityAtStart: [SERVER_CORE, LOAD_CORE].map((core) => coreAvailability(core)),
  };
}

async function main() {
  const wallStart = performance.now();
  const startedAt = new Date();
  const info = machine();
  log(`${info.cpuModel}, ${info.cores} cores, node ${info.node}, load average ${info.loadAverageAtStart.join(" ")}${QUICK ? " (quick mode)" : ""}`);
  log(`a pinned busy loop gets ${info.coreAvailabilityAtStart.map((a, core) => `${Math.round(a * 100)}% of core ${core}`).join(", ")}`);
  if (Math.min(...info.coreAvailabilityAtStart) < 0.85) log("other tenants are using these cores: expect noise, and read the ratios rather than the absolute figures");
  log(`engine: ${ENGINE_NAME[ENGINE]}, baseline (b) ${BASELINE}`);
  const leftOut = requestedScenarios.filter((n) => !scenarios.has(n));
  if (leftOut.includes(6)) log(`scenario 6 (ORM cost: Prisma vs better-sqlite3) is SQLite-specific: left out on ${ENGINE_NAME[ENGINE]}`);
  if (leftOut.includes(7)) log(`scenario 7 (cluster mode) needs PostgreSQL, which a cluster's nodes share: left out on ${ENGINE_NAME[ENGINE]}`);
  let postgres: PostgresInfo | undefined;
  if (POSTGRES_ADMIN_URL) {
    databases = new BenchDatabases(POSTGRES_ADMIN_URL);
    // Before the build and the seed: an unreachable server fails the run at once.
    postgres = await databases.info();
    log(`PostgreSQL ${postgres.version} at ${postgres.url}`);
  }
  /** Scenarios this machine cannot run, and why (in the JSON and the table). */
  const unavailable: Record<number, string> = {};
  const clusterRedis = await redisForClusterScenario(unavailable);
  ensureBuild();

  const tmp = mkdtempSync(path.join(tempBase(), "auraflow-bench-"));
  const servers: Server[] = [];
  let load: LoadClient | undefined;
  const cluster = clusterRedis && newClusterProcesses(clusterRedis);
  // Once, whoever asks first: a signal during the run, or the end of main().
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await load?.stop().catch(() => undefined);
      await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
      if (cluster) await stopCluster(cluster);
      await databases?.drop().catch((error: Error) => log(`could not drop the benchmark's PostgreSQL databases: ${error.message}`));
      rmSync(tmp, { recursive: true, force: true });
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().then(() => process.exit(128 + os.constants.signals[signal])));

  try {
    log(`seeding ${settings.users} users in channels of ${settings.channelMembers}, ${settings.historyMessages} history messages`);
    const layout = seed(tmp);
    log(`seeded in ${(layout.seedMs / 1000).toFixed(1)} s`);
    if (databases) {
      const copyStart = performance.now();
      await databases.fill(root, appSqliteFile(tmp), log);
      log(`copied into two PostgreSQL databases in ${((performance.now() - copyStart) / 1000).toFixed(1)} s`);
    }

    const needsSockets = [1, 2, 3, 5].some((n) => scenarios.has(n));
    // Scenario 6 runs in a process of its own, scenario 7 starts its own servers.
    const wanted: TargetName[] = [1, 2, 3, 4, 5].some((n) => scenarios.has(n)) ? ["app"] : [];
    if ([1, 2, 3, 4].some((n) => scenarios.has(n))) wanted.push(BASELINE);
    if ([2, 5].some((n) => scenarios.has(n))) wanted.push("bare-relay");
    const started = await Promise.all(wanted.map((name) => (name === "app" ? appServer(tmp) : baselineServer(name, tmp))));
    servers.push(...started);
    const byName = new Map(started.map((s) => [s.name as TargetName, s]));
    const app = byName.get("app")!;
    /** Baseline (b). */
    const bare = byName.get(BASELINE);
    const bareRelay = byName.get("bare-relay");
    if (started.length) log(`servers up: ${started.map((s) => `${s.name} pid ${s.pid} :${s.port}`).join(", ")}`);

    load = LoadClient.start(LOAD_CORE, root, path.join(root, "bench", "load.ts"));
    const results: Record<string, unknown> = {};

    if (needsSockets) {
      const setup: Record<string, { login: LoginResult; connect?: ConnectResult }> = {};
      for (const server of started) {
        const target = targetOf(server);
        const login = await load.call<LoginResult>({ cmd: "login", target, users: layout.users, password: layout.password, concurrency: 8 });
        let connect: ConnectResult | undefined;
        if ([1, 2, 3].some((n) => scenarios.has(n))) {
          connect = await load.call<ConnectResult>({ cmd: "connect", target, concurrency: 50, timeoutMs: 20_000 });
          if (connect.failed) throw new Error(`${server.name}: ${connect.failed} sockets failed to connect: ${JSON.stringify(connect.errors)}`);
        }
        setup[server.name] = { login, connect };
        log(`${server.name}: ${login.users} logins in ${(login.ms / 1000).toFixed(1)} s${connect ? `, ${connect.connected} sockets in ${(connect.ms / 1000).toFixed(1)} s` : ""}`);
        await settle(server.pid, 20_000);
      }
      results.setup = setup;
    }

    const measuredSend = async (server: Server, via: "http" | "socket", rate: number, durationMs: number, drainMs: number, roundNo: number) => {
      await settle(server.pid);
      const cpu = await cpuMeter(server);
      const from = monotonicUs();
      const run = await load!.call<SendResult>({ cmd: "send", target: targetOf(server), via, rate, durationMs, drainMs });
      if (server.name === "app" && roundNo > 0) underLoad(`${via} send`, from);
      return {
        ...run,
        ...(await cpu()),
        target: server.name as TargetName,
        round: roundNo,
        serverRssMiB: rssBytes(server.pid) / 2 ** 20,
        cpuPressure: cpuPressure(),
      } satisfies MeasuredSend;
    };
    const describe = (run: MeasuredSend) =>
      `${run.target} ${run.via} ${run.rate}/s: reach ${run.reach.toFixed(4)}, p50 ${ms(run.p50)} ms, p99 ${ms(run.p99)} ms, ` +
      `${Math.round(run.deliveredPerSec)} delivered/s, server CPU ${(run.serverCpuShare * 100).toFixed(0)}%${databaseCpu(run.databaseCpuShare)}, client CPU ${(run.clientCpuShare * 100).toFixed(0)}%, ` +
      `CPU pressure ${run.cpuPressure}%` +
      (run.failed ? `, ${run.failed} failed sends ${JSON.stringify(run.failures)}` : "");

    if ([1, 2, 3].some((n) => scenarios.has(n))) {
      log("warming up");
      for (const server of started) {
        if (server.name !== "bare-relay") await measuredSend(server, "http", settings.rate, settings.warmMs, settings.drainMs, 0);
        await measuredSend(server, "socket", settings.rate, settings.warmMs, settings.drainMs, 0);
      }
    }

    const sendScenario = async (key: string, via: "http" | "socket", order: Server[]) => {
      const runs: MeasuredSend[] = [];
      for (let roundNo = 1; roundNo <= settings.rounds; roundNo++) {
        for (const server of order) {
          const run = await measuredSend(server, via, settings.rate, settings.sendMs, settings.drainMs, roundNo);
          runs.push(run);
          log(`[${key} round ${roundNo}] ${describe(run)}`);
        }
      }
      return { runs, summary: summariseSends(runs) };
    };

    if (scenarios.has(1)) results.s1 = await sendScenario("1", "http", [bare!, app]);
    if (scenarios.has(3)) results.s3 = await sendScenario("3", "socket", [bare!, app]);

    if (scenarios.has(2)) {
      const steps: MeasuredSend[] = [];
      const lastGood: Record<string, number[]> = {};
      const ladder = async (server: Server, via: "http" | "socket", roundNo: number) => {
        let good = 0;
        // Round 1 climbs from the bottom; later rounds start two steps below round 1's result.
        const firstGood = roundNo === 1 ? undefined : lastGood[server.name]?.[0];
        const start = firstGood ? Math.max(0, settings.ladder.indexOf(firstGood) - 2) : 0;
        for (const rate of settings.ladder.slice(start)) {
          // A step that fails is tried once more: on a shared machine one stall of another tenant
          // can push a p99 over the limit. Only the second result is kept.
          let run = await measuredSend(server, via, rate, settings.stepMs, settings.stepDrainMs, roundNo);
          if (!isGood(run)) {
            log(`[2 round ${roundNo}] ${describe(run)}  ← over the limit, trying the step again`);
            await settle(server.pid, 20_000);
            run = await measuredSend(server, via, rate, settings.stepMs, settings.stepDrainMs, roundNo);
          }
          steps.push(run);
          log(`[2 round ${roundNo}] ${describe(run)}${isGood(run) ? "" : "  ← over the limit"}`);
          if (!isGood(run)) break;
          good = rate;
        }
        (lastGood[server.name] ??= []).push(good);
        await settle(server.pid, 20_000);
      };
      for (let roundNo = 1; roundNo <= settings.rounds; roundNo++) {
        await ladder(bare!, "http", roundNo);
        await ladder(app, "http", roundNo);
      }
      // The relay has no HTTP send and no database: one ladder over its socket event, for the chart.
      if (bareRelay) await ladder(bareRelay, "socket", 1);
      results.s2 = {
        steps,
        lastGoodRate: lastGood,
        summary: Object.fromEntries(Object.entries(lastGood).map(([name, rates]) => [name, { lastGoodRate: median(rates) }])),
      };
    }

    if (scenarios.has(4)) {
      const runs: (HistoryResult & { target: TargetName; round: number; serverCpuShare: number; databaseCpuShare?: number })[] = [];
      const floors: (FloorResult & { target: TargetName })[] = [];
      const history = async (server: Server, durationS: number) => {
        await settle(server.pid);
        const cpu = await cpuMeter(server);
        const from = monotonicUs();
        const result = await load!.call<HistoryResult>({
          cmd: "history",
          target: targetOf(server),
          reader: layout.historian,
          password: layout.password,
          connections: settings.historyConnections,
          durationS,
        });
        if (server.name === "app") underLoad("history page", from);
        const { serverCpuShare, databaseCpuShare } = await cpu();
        return { ...result, serverCpuShare, databaseCpuShare };
      };
      for (const server of [bare!, app]) await history(server, settings.historyWarmS);
      for (let roundNo = 1; roundNo <= settings.rounds; roundNo++) {
        for (const server of [bare!, app]) {
          const run = { ...(await history(server, settings.historyS)), target: server.name as TargetName, round: roundNo };
          runs.push(run);
          log(
            `[4 round ${roundNo}] ${server.name}: ${Math.round(run.reqPerSec)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.non2xx} non-2xx, ${run.errors} errors, ` +
              `server CPU ${(run.serverCpuShare * 100).toFixed(0)}%${databaseCpu(run.databaseCpuShare)}, client CPU ${(run.clientCpuShare * 100).toFixed(0)}%`,
          );
        }
        for (const server of [bare!, app]) {
          await settle(server.pid);
          const from = monotonicUs();
          const floor = await load!.call<FloorResult>({ cmd: "floor", target: targetOf(server), connections: settings.historyConnections, durationS: settings.floorS });
          if (floor.unexpected) throw new Error(`${server.name}: ${floor.unexpected} floor requests were not answered 404`);
          if (server.name === "app") underLoad("floor (JSON 404)", from);
          floors.push({ ...floor, target: server.name as TargetName });
          log(`[4 round ${roundNo}] ${server.name} floor (unknown path, JSON 404): ${Math.round(floor.reqPerSec)} req/s, p99 ${floor.p99} ms`);
        }
      }
      const summary = Object.fromEntries(
        [BASELINE, "app"].map((name) => {
          const mine = runs.filter((r) => r.target === name);
          const floorRuns = floors.filter((r) => r.target === name);
          return [
            name,
            {
              reqPerSec: median(mine.map((r) => r.reqPerSec)),
              p50: median(mine.map((r) => r.p50)),
              p99: median(mine.map((r) => r.p99)),
              serverCpuShare: median(mine.map((r) => r.serverCpuShare)),
              databaseCpuShare: databaseMedian(mine.map((r) => r.databaseCpuShare)),
              bytesPerReq: mine[0]?.bytesPerReq,
              floorReqPerSec: median(floorRuns.map((r) => r.reqPerSec)),
            },
          ];
        }),
      );
      results.s4 = { runs, floors, summary };
    }

    if (scenarios.has(6)) {
      log("ORM cost: Prisma vs better-sqlite3 on a copy of the database");
      const orm = spawnSync(
        "bash",
        ["-c", `exec ${HAS_TASKSET ? `taskset -c ${SERVER_CORE} ` : ""}"$0" --import tsx bench/orm.ts ${layout.users[0].id} ${layout.users[0].channelId}`, process.execPath],
        {
          cwd: root,
          encoding: "utf8",
          env: { ...process.env, DATA_DIR: path.join(tmp, "orm"), DATABASE_URL: undefined, AUTH_SECRET: authSecret, BENCH_ORM_MS: String(settings.ormMs), BENCH_ROUNDS: String(settings.rounds) },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      if (orm.status !== 0) throw new Error("the ORM scenario failed");
      const queries = JSON.parse(orm.stdout.trim().split("\n").pop()!) as OrmQueryResult[];
      for (const q of queries) {
        log(`[6] ${q.name}: Prisma ${Math.round(q.prismaOpsPerSec)} ops/s (${q.prismaStatements} statements), app ${Math.round(q.appOpsPerSec)}, better-sqlite3 ${Math.round(q.bareOpsPerSec)} ops/s: bare ÷ Prisma ${q.ratio.toFixed(0)}×`);
      }
      results.s6 = { queries };
    }

    // Scenario 5 runs on freshly started servers with the inspector on, so that memory is measured
    // after forced garbage collections, not on a heap left over from the load scenarios.
    const connectionsScenario = async () => {
      const holds: Record<string, ConnectionsFigures> = {};
      for (const name of ["bare-relay", "app"] as const) {
        const old = servers.find((s) => s.name === name);
        if (old) {
          await load!.call({ cmd: "disconnect", target: targetOf(old) });
          await old.stop();
          servers.splice(servers.indexOf(old), 1);
        }
        const server = name === "app" ? await appServer(tmp, { inspect: true }) : await baselineServer(name, tmp, true);
        servers.push(server);
        const target = targetOf(server);
        // App tokens outlive a restart (signed JWTs); the relay's live in its memory.
        if (name !== "app" || !old) await load!.call({ cmd: "login", target, users: layout.users, password: layout.password, concurrency: 8 });
        await settle(server.pid, 20_000);
        const before = await collectAndMeasure(server.inspectorUrl!);
        const cpuBefore = cpuSeconds(server.pid);
        const hold = await load!.call<HoldResult>(
          { cmd: "hold", target, sockets: settings.holdSockets, concurrency: 100, timeoutMs: settings.holdBudgetMs, holdMs: settings.holdMs },
          settings.holdBudgetMs + 60_000,
        );
        const connectCpuS = cpuSeconds(server.pid) - cpuBefore;
        const after = await collectAndMeasure(server.inspectorUrl!);
        const perSocket = (bytes: number) => (hold.held ? bytes / 1024 / hold.held : NaN);
        const stoppedBy =
          hold.held >= settings.holdSockets
            ? "reached the goal"
            : hold.errors["time budget exhausted"]
              ? `the ${settings.holdBudgetMs / 1000} s time budget (${Math.round((hold.connected / hold.ms) * 1000)} handshakes/s)`
              : `connection errors: ${JSON.stringify(hold.errors)}`;
        holds[name] = {
          ...hold,
          stoppedBy,
          rssBeforeMiB: before.rssBytes / 2 ** 20,
          rssAfterMiB: after.rssBytes / 2 ** 20,
          heapBeforeMiB: before.heapUsedBytes / 2 ** 20,
          heapAfterMiB: after.heapUsedBytes / 2 ** 20,
          kibPerSocket: perSocket(after.rssBytes - before.rssBytes),
          heapKibPerSocket: perSocket(after.heapUsedBytes - before.heapUsedBytes),
          serverCpuMsPerHandshake: hold.connected ? (connectCpuS * 1000) / hold.connected : NaN,
        };
        log(
          `[5] ${name}: ${hold.held}/${settings.holdSockets} sockets held, ${(hold.ms / 1000).toFixed(1)} s to connect ` +
            `(${holds[name].serverCpuMsPerHandshake.toFixed(2)} ms server CPU each); RSS ${Math.round(before.rssBytes / 2 ** 20)} → ${Math.round(after.rssBytes / 2 ** 20)} MiB ` +
            `(${holds[name].kibPerSocket.toFixed(1)} KiB/socket), heap ${holds[name].heapKibPerSocket.toFixed(1)} KiB/socket; stopped by ${stoppedBy}`,
        );
        await load!.call({ cmd: "release", target });
      }
      return {
        target: settings.holdSockets,
        holds,
        limits: { openFiles: info.openFilesLimit, ephemeralPorts: readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim() },
      };
    };
    if (scenarios.has(5)) results.s5 = await connectionsScenario();

    await Promise.all(servers.map((s) => s.stop()));
    servers.length = 0;
    // Last, with the other servers stopped: its nodes use the app's database.
    if (cluster) results.s7 = await clusterScenario(load, tmp, layout, cluster);
    // Last again: its million messages would weigh on every scenario after it.
    if (scenarios.has(8)) results.s8 = await searchScenario(load, tmp, layout, servers);
    await load.stop();
    load = undefined;
    if (cluster) await stopCluster(cluster);

    const wallS = (performance.now() - wallStart) / 1000;
    const report = {
      date: startedAt.toISOString(),
      engine: ENGINE,
      quick: QUICK,
      wallS: round(wallS, 1),
      machine: { ...info, loadAverageAtEnd: os.loadavg().map((v) => round(v, 2)), coreAvailabilityAtEnd: [SERVER_CORE, LOAD_CORE].map((core) => coreAvailability(core)) },
      settings,
      scenarios: [...scenarios].sort(),
      databasesIn: path.dirname(tmp),
      ...(postgres && { postgres }),
      ...(clusterRedis && { redis: clusterRedis.info }),
      ...(Object.keys(unavailable).length && { scenariosLeftOut: unavailable }),
      seed: { users: layout.users.length, channels: layout.channelIds.length, historyMessages: layout.historyMessages, seedMs: round(layout.seedMs, 0) },
      ...results,
    };
    const table = renderTable(report as Parameters<typeof renderTable>[0]);
    // A scenario left out because this machine lacks what it needs does not make a run partial.
    const partial = ENGINE_SCENARIOS[ENGINE].some((n) => !requestedScenarios.includes(n) && !OPT_IN_SCENARIOS.includes(n));
    const outDir = path.join(root, "bench", "results", QUICK || PROFILE_DIR || partial ? "tmp" : "");
    mkdirSync(outDir, { recursive: true });
    const stamp = startedAt.toISOString().slice(0, 16).replace(":", "") + "Z" + (ENGINE === "sqlite" ? "" : "-postgres");
    const jsonFile = path.join(outDir, `${stamp}.json`);
    writeFileSync(jsonFile, JSON.stringify(report, null, 2) + "\n");
    const files = [jsonFile];
    if (results.s2) {
      const svgFile = path.join(outDir, `${stamp}-latency.svg`);
      writeFileSync(svgFile, saturationChart((results.s2 as { steps: MeasuredSend[] }).steps, settings, info.cpuModel));
      files.push(svgFile);
    }
    process.stdout.write("\n" + table + "\n");
    log(`wall time ${wallS.toFixed(0)} s; wrote ${files.map((f) => path.relative(root, f)).join(", ")}`);
    if (PROFILE_DIR) printProfile(PROFILE_DIR);
  } finally {
    await cleanup();
  }
}

/**
 * Scenario 8: the search messages go into the app's database (after the other scenarios), then a
 * fresh app server answers each query to the historian, who reads every channel they are in,
 * for `searchS` seconds per round after `searchWarmS` of warm-up.
 */
async function searchScenario(load: LoadClient, tmp: string, layout: SeedLayout, servers: Server[]) {
  log(`[8] seeding ${SEARCH_MESSAGES.toLocaleString("en-US")} messages for search`);
  const seedStart = performance.now();
  if (databases) await seedPostgresSearch(databases.url("app"), layout);
  else seedSqliteSearch(appSqliteFile(tmp), layout);
  const seedS = (performance.now() - seedStart) / 1000;
  log(`[8] seeded in ${seedS.toFixed(1)} s`);
  const app = await appServer(tmp);
  servers.push(app);
  const target = targetOf(app);
  const runs: (HistoryResult & { name: string; round: number; serverCpuShare: number })[] = [];
  const totals: Record<string, number> = {};
  const read = (path: string, durationS: number) =>
    load.call<HistoryResult>({ cmd: "read", target, reader: layout.historian, password: layout.password, path, connections: settings.searchConnections, durationS });
  for (const query of searchQueries(layout)) {
    await settle(app.pid);
    await read(query.path, settings.searchWarmS);
    for (let roundNo = 1; roundNo <= settings.rounds; roundNo++) {
      const cpu = await cpuMeter(app);
      const run = { ...(await read(query.path, settings.searchS)), name: query.name, round: roundNo };
      const measured = { ...run, serverCpuShare: (await cpu()).serverCpuShare };
      runs.push(measured);
      log(`[8 round ${roundNo}] ${query.name}: ${Math.round(run.reqPerSec)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.non2xx} non-2xx, server CPU ${(measured.serverCpuShare * 100).toFixed(0)}%`);
    }
    const answer = await fetch(new URL(query.path, app.baseUrl), { headers: { authorization: `Bearer ${await token(app, layout)}` } });
    totals[query.name] = ((await answer.json()) as { total: number }).total;
  }
  await app.stop();
  servers.splice(servers.indexOf(app), 1);
  const summary = searchQueries(layout).map(({ name }) => {
    const mine = runs.filter((run) => run.name === name);
    return {
      name,
      total: totals[name],
      reqPerSec: median(mine.map((r) => r.reqPerSec)),
      p50: median(mine.map((r) => r.p50)),
      p99: median(mine.map((r) => r.p99)),
      serverCpuShare: median(mine.map((r) => r.serverCpuShare)),
    };
  });
  return { messages: SEARCH_MESSAGES, connections: settings.searchConnections, seedS: round(seedS, 1), summary, runs };
}

/** A token of the historian's, for the one request that reads each query's total. */
async function token(server: Server, layout: SeedLayout): Promise<string> {
  const response = await fetch(new URL("/api/auth/login", server.baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: layout.historian.username, password: layout.password }),
  });
  return ((await response.json()) as { token: string }).token;
}

function summariseSends(runs: MeasuredSend[]) {
  const names = [...new Set(runs.map((r) => r.target))];
  return Object.fromEntries(
    names.map((name) => {
      const mine = runs.filter((r) => r.target === name);
      const pick = (field: keyof SendResult | "serverCpuShare") => median(mine.map((r) => r[field] as number));
      return [
        name,
        {
          reach: pick("reach"),
          p50: pick("p50"),
          p99: pick("p99"),
          ackP99: pick("ackP99"),
          deliveredPerSec: pick("deliveredPerSec"),
          failed: mine.reduce((sum, r) => sum + r.failed, 0),
          serverCpuShare: pick("serverCpuShare"),
          databaseCpuShare: databaseMedian(mine.map((r) => r.databaseCpuShare)),
          clientCpuShare: pick("clientCpuShare"),
        },
      ];
    }),
  );
}

/**
 * Scenario 7 needs a Redis (BENCH_REDIS_URL) and nginx. When either is missing, it is taken out of
 * the run (the reason goes into `unavailable`) and the rest runs; a run left with nothing stops.
 */
async function redisForClusterScenario(unavailable: Record<number, string>): Promise<{ redis: BenchRedis; info: RedisInfo } | undefined> {
  if (!scenarios.has(7)) return undefined;
  const redis = new BenchRedis(redisUrlFromEnv());
  try {
    const info = await checkClusterServices(redis);
    log(`Redis ${info.version} at ${info.url}, nginx: scenario 7 runs`);
    return { redis, info };
  } catch (error) {
    unavailable[7] = (error as Error).message;
    scenarios.delete(7);
    log(`scenario 7 (cluster mode) is left out: ${unavailable[7]}`);
    if (scenarios.size === 0) {
      console.error("bench: no scenario left to run");
      process.exit(2);
    }
    return undefined;
  }
}

/** Scenario 7: the app run one way, with the processes its deliveries go through. */
interface ClusterSetup {
  name: ClusterSetupName;
  target: Target;
  /** The app's processes, every one on the server core. */
  nodes: Server[];
  /** Two nodes: nginx's master and workers. */
  nginxPids?: number[];
  /** The users as their sockets connect (two nodes: each from an address nginx sends to one node). */
  users: BenchUser[];
}

/** What scenario 7 has started and written, for stopCluster (also after a failure or Ctrl-C). */
interface ClusterProcesses {
  redis: BenchRedis;
  redisInfo: RedisInfo;
  nodes: Server[];
  nginx: Nginx[];
  nginxDirs: string[];
}

const newClusterProcesses = ({ redis, info }: { redis: BenchRedis; info: RedisInfo }): ClusterProcesses => ({
  redis,
  redisInfo: info,
  nodes: [],
  nginx: [],
  nginxDirs: [],
});

/** Stops nginx and the nodes, and deletes the run's Redis keys; safe to call twice. */
async function stopCluster(cluster: ClusterProcesses): Promise<void> {
  await Promise.all(cluster.nginx.splice(0).map((nginx) => nginx.stop().catch(() => undefined)));
  await Promise.all(cluster.nodes.splice(0).map((node) => node.stop().catch(() => undefined)));
  for (const dir of cluster.nginxDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await cluster.redis.deleteKeys().catch((error: Error) => log(`could not delete the benchmark's Redis keys: ${error.message}`));
}

/** One app node on the app's database: alone, or a cluster node when given its REDIS_PREFIX. */
async function startNode(tmp: string, cluster: ClusterProcesses, name: string, redisPrefix?: string): Promise<Server> {
  const env: Record<string, string> = redisPrefix ? { REDIS_URL: cluster.redis.url, REDIS_PREFIX: redisPrefix, TRUST_PROXY: "1" } : {};
  const node = await appServer(tmp, { name, env });
  cluster.nodes.push(node);
  return node;
}

/** The shipped nginx configuration in front of `nodes`, in a folder its workers (nobody) can reach. */
async function startNginxFor(cluster: ClusterProcesses, nodes: Server[]): Promise<Nginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "auraflow-bench-nginx-"));
  cluster.nginxDirs.push(dir);
  const nginx = await startNginx(dir, await freePort(), nodes.map((node) => `127.0.0.1:${node.port}`));
  cluster.nginx.push(nginx);
  return nginx;
}

/** Each channel's members alternate between the nodes' addresses: every message is delivered on every node. */
function spreadOverNodes(users: BenchUser[], addresses: string[]): BenchUser[] {
  const seen = new Map<number, number>();
  return users.map((user) => {
    const index = seen.get(user.channelId) ?? 0;
    seen.set(user.channelId, index + 1);
    return { ...user, localAddress: addresses[index % addresses.length] };
  });
}

/**
 * The three setups, each with a Redis stream of its own (one under load at a time, the others
 * idle): the app as one process without Redis (the reference), one cluster node, and two cluster
 * nodes behind nginx. Started one node at a time.
 */
async function startClusterSetups(tmp: string, cluster: ClusterProcesses, users: BenchUser[]): Promise<ClusterSetup[]> {
  const alone = await startNode(tmp, cluster, "one-process");
  const single = await startNode(tmp, cluster, "one-node", cluster.redis.prefix("one-node"));
  const pairPrefix = cluster.redis.prefix("two-nodes");
  const pair = [await startNode(tmp, cluster, "two-nodes-1", pairPrefix), await startNode(tmp, cluster, "two-nodes-2", pairPrefix)];
  const nginx = await startNginxFor(cluster, pair);
  const addresses = await addressPerNode(nginx.url, pair.map((node) => node.baseUrl));
  log(`[7] nodes up: ${cluster.nodes.map((s) => `${s.name} pid ${s.pid} :${s.port}`).join(", ")}; nginx ${nginx.url} sends ${addresses.map((a, i) => `${a} to ${pair[i].name}`).join(", ")}`);
  return [
    { name: "one-process", target: appTarget("one-process", alone.baseUrl), nodes: [alone], users },
    { name: "one-node", target: appTarget("one-node", single.baseUrl), nodes: [single], users },
    { name: "two-nodes", target: appTarget("two-nodes", nginx.url), nodes: pair, nginxPids: nginxPids(nginx.process.pid!), users: spreadOverNodes(users, addresses) },
  ];
}

/** Logs every user in on the setup and connects their sockets (through nginx for two nodes). */
async function connectSetup(load: LoadClient, setup: ClusterSetup, password: string): Promise<void> {
  const login = await load.call<LoginResult>({ cmd: "login", target: setup.target, users: setup.users, password, concurrency: 8 });
  const connect = await load.call<ConnectResult>({ cmd: "connect", target: setup.target, concurrency: 50, timeoutMs: 20_000 });
  if (connect.failed) throw new Error(`${setup.name}: ${connect.failed} sockets failed to connect: ${JSON.stringify(connect.errors)}`);
  log(`[7] ${setup.name}: ${login.users} logins in ${(login.ms / 1000).toFixed(1)} s, ${connect.connected} sockets in ${(connect.ms / 1000).toFixed(1)} s`);
  for (const node of setup.nodes) await settle(node.pid, 20_000);
}

/** CPU seconds during one send run of scenario 7, per process that took part. */
interface SetupCpu {
  wallS: number;
  nodeCpuS: number[];
  /** NaN when Redis runs on another machine. */
  redisCpuS: number;
  /** Two nodes only. */
  nginxCpuS?: number;
  /** The backends of the app's database, which every setup uses (one under load at a time). */
  databaseCpuS: number;
}

/** Starts measuring the CPU of a setup's nodes, Redis, nginx and PostgreSQL backends; the function returned reads it. */
async function setupCpuMeter(setup: ClusterSetup, redisPid: number): Promise<() => Promise<SetupCpu>> {
  const databaseCpuSeconds = await databases!.backendCpu("app");
  const redisCpuSeconds = processCpuMeter([redisPid], "redis-server");
  const nginxCpuSeconds = setup.nginxPids && processCpuMeter(setup.nginxPids, "nginx");
  const nodesBefore = setup.nodes.map((node) => cpuSeconds(node.pid));
  const t0 = performance.now();
  return async () => ({
    wallS: (performance.now() - t0) / 1000,
    nodeCpuS: setup.nodes.map((node, i) => cpuSeconds(node.pid) - nodesBefore[i]),
    redisCpuS: redisCpuSeconds(),
    nginxCpuS: nginxCpuSeconds?.(),
    databaseCpuS: await databaseCpuSeconds(),
  });
}

type SetupSend = MeasuredSend & SetupCpu;

/** One socket send run at the scenario rate against a setup, with the CPU of every process involved. */
async function measureSetup(load: LoadClient, setup: ClusterSetup, redisPid: number, durationMs: number, roundNo: number): Promise<SetupSend> {
  for (const node of setup.nodes) await settle(node.pid);
  const meter = await setupCpuMeter(setup, redisPid);
  const run = await load.call<SendResult>({ cmd: "send", target: setup.target, via: "socket", rate: settings.rate, durationMs, drainMs: settings.drainMs });
  const cpu = await meter();
  const serverCpuS = cpu.nodeCpuS.reduce((sum, s) => sum + s, 0);
  return {
    ...run,
    ...cpu,
    target: setup.name,
    round: roundNo,
    serverCpuS,
    serverCpuShare: serverCpuS / cpu.wallS,
    databaseCpuShare: cpu.databaseCpuS / cpu.wallS,
    serverRssMiB: setup.nodes.reduce((sum, node) => sum + rssBytes(node.pid), 0) / 2 ** 20,
    cpuPressure: cpuPressure(),
  };
}

const usPerDelivery = (cpuS: number | undefined, run: SendResult) => (cpuS === undefined ? NaN : (cpuS / run.received) * 1e6);

function describeSetupRun(run: SetupSend): string {
  const share = (cpuS: number) => `${((cpuS / run.wallS) * 100).toFixed(0)}%`;
  const cost = (cpuS: number | undefined) => `${usPerDelivery(cpuS, run).toFixed(1)} µs/delivery`;
  return (
    `${run.target}: reach ${run.reach.toFixed(4)}, p50 ${ms(run.p50)} ms, p99 ${ms(run.p99)} ms, ${Math.round(run.deliveredPerSec)} delivered/s; ` +
    `node CPU ${run.nodeCpuS.map(share).join(" + ")} (${cost(run.serverCpuS)}), Redis ${share(run.redisCpuS)} (${cost(run.redisCpuS)})` +
    (run.nginxCpuS === undefined ? "" : `, nginx ${share(run.nginxCpuS)} (${cost(run.nginxCpuS)})`) +
    `, PostgreSQL backends ${share(run.databaseCpuS)}, client CPU ${(run.clientCpuShare * 100).toFixed(0)}%, CPU pressure ${run.cpuPressure}%` +
    (run.failed ? `, ${run.failed} failed sends ${JSON.stringify(run.failures)}` : "")
  );
}

/** summariseSends per setup, plus the CPU of each process per delivery (medians over the rounds). */
function summariseSetups(runs: SetupSend[]): Partial<Record<ClusterSetupName, ClusterSummary>> {
  return Object.fromEntries(
    Object.entries(summariseSends(runs)).map(([name, sends]) => {
      const mine = runs.filter((r) => r.target === name);
      const perDelivery = (pick: (r: SetupSend) => number | undefined) => median(mine.map((r) => usPerDelivery(pick(r), r)));
      const share = (pick: (r: SetupSend) => number | undefined) => median(mine.map((r) => (pick(r) ?? NaN) / r.wallS));
      const nodes = mine[0].nodeCpuS.map((_, i) => i);
      const summary: ClusterSummary = {
        ...sends,
        nodeCpuShares: nodes.map((i) => share((r) => r.nodeCpuS[i])),
        nodeCpuUsPerDelivery: nodes.map((i) => perDelivery((r) => r.nodeCpuS[i])),
        cpuUsPerDelivery: perDelivery((r) => r.serverCpuS),
        redisCpuShare: share((r) => r.redisCpuS),
        redisCpuUsPerDelivery: perDelivery((r) => r.redisCpuS),
        ...(mine[0].nginxCpuS !== undefined && { nginxCpuShare: share((r) => r.nginxCpuS), nginxCpuUsPerDelivery: perDelivery((r) => r.nginxCpuS) }),
        databaseCpuUsPerDelivery: perDelivery((r) => r.databaseCpuS),
        deliveriesPerMessage: median(mine.map((r) => r.received / r.sent)),
      };
      return [name, summary];
    }),
  );
}

/**
 * Scenario 7: the same socket send load (scenario 3's) against the app as one process without
 * Redis, as one cluster node, and as two cluster nodes behind nginx with the clients spread over
 * both, in alternating rounds after a warm-up of each.
 */
async function clusterScenario(load: LoadClient, tmp: string, layout: SeedLayout, cluster: ClusterProcesses) {
  const setups = await startClusterSetups(tmp, cluster, layout.users);
  for (const setup of setups) await connectSetup(load, setup, layout.password);
  log("[7] warming up");
  for (const setup of setups) await measureSetup(load, setup, cluster.redisInfo.pid, settings.warmMs, 0);
  const runs: SetupSend[] = [];
  for (let roundNo = 1; roundNo <= settings.rounds; roundNo++) {
    for (const setup of setups) {
      const run = await measureSetup(load, setup, cluster.redisInfo.pid, settings.sendMs, roundNo);
      runs.push(run);
      log(`[7 round ${roundNo}] ${describeSetupRun(run)}`);
    }
  }
  for (const setup of setups) await load.call({ cmd: "disconnect", target: setup.target });
  return { nodesOnCore: HAS_TASKSET ? SERVER_CORE : undefined, runs, summary: summariseSetups(runs) };
}

function printProfile(dir: string): void {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (1 is tsx's loader).
  const newest = readdirSync(dir)
    .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) return log(`no .cpuprofile in ${dir}`);
  if (profileWindows.size === 0) process.stdout.write(`\nCPU profile of the app server (${newest}), top self time:\n${summariseProfile(newest, 30)}\n`);
  for (const [kind, windows] of profileWindows) {
    process.stdout.write(`\nCPU profile of the app server (${newest}) under measured load: ${kind}, top self time:\n${summariseProfile(newest, 30, windows)}\n`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
