import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, releaseDatabase } from "./postgres";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** The SQLite file, when the server runs on SQLite (databaseUrl undefined). */
  dbFile: string;
  /** The PostgreSQL database the server runs on; undefined on SQLite. A restart passes it on. */
  databaseUrl: string | undefined;
  output: () => string;
  /** The secret it signs tokens with: AUTH_SECRET if the test set one, else the one it generated in its data folder. */
  authSecret: () => string;
  /** Stops with SIGTERM; resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** Ends the process with SIGKILL (nothing runs on its way out); keeps its data. */
  kill: () => Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** Reuse a data folder (restart tests); by default a fresh temporary one is made. */
  dataDir?: string;
  /** Reuse a PostgreSQL database (restart tests, a seeded one); by default a fresh one is made. */
  databaseUrl?: string;
  /** Keep the data folder and the PostgreSQL database after stop, for a restart. */
  keepData?: boolean;
}

/** The PostgreSQL server from TEST_DATABASE_URL, or undefined: then the tests run on SQLite. */
function postgresServer(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("TEST_DATABASE_URL must be a postgres:// or postgresql:// URL");
  return url;
}

/** The engine the test servers run on, for the few tests that are about one engine. */
export function testEngine(): "sqlite" | "postgresql" {
  return postgresServer() ? "postgresql" : "sqlite";
}

/** A fresh PostgreSQL database for a server (and whatever fills it first), or undefined on SQLite. */
export async function newTestDatabase(): Promise<string | undefined> {
  const server = postgresServer();
  return server ? createDatabase(server) : undefined;
}

/**
 * Every test server counts every rate limit (so every response carries the headers) but under
 * limits no test reaches: tests register hundreds of users from one address and send in bursts.
 * tests/rate-limits.test.ts starts its servers with the defaults (`RATE_LIMITS: undefined`).
 */
export const TEST_RATE_LIMITS = "*=1000000/60";

/** Environment for a server process that owns nothing but its own data folder. */
function serverEnv(dataDir: string, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, RATE_LIMITS: TEST_RATE_LIMITS };
  for (const key of ["DATABASE_URL", "AUTH_SECRET", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "REDIS_URL", "REDIS_PREFIX", "TRUST_PROXY", "AI_BASE_URL", "AI_MODEL", "AI_API_KEY", "AI_ASSISTANT_NAME", "AI_TIMEOUT_MS"]) delete env[key];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function spawnServer(dataDir: string, env: Record<string, string | undefined> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "server.ts")], {
    cwd: projectRoot,
    env: serverEnv(dataDir, env),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Starts the real server (production build) on a random port, on a real SQLite file in its data
 * folder, or on a PostgreSQL database of its own when TEST_DATABASE_URL is set.
 */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm test` (it builds first) or `npm run build`");
  }
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "auraflow-test-"));
  const databaseUrl = options.databaseUrl ?? (await newTestDatabase());
  const releaseTestDatabase = async (drop: boolean) => {
    if (databaseUrl) await releaseDatabase(postgresServer()!, databaseUrl, { drop });
  };
  const child = spawnServer(dataDir, { ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...options.env });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  // A database made for a server that never came up would outlive the run on the PostgreSQL server.
  const port = await listening.catch(async (error) => {
    if (!options.databaseUrl) await releaseTestDatabase(true);
    throw error;
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    dbFile: path.join(dataDir, "auraflow.db"),
    databaseUrl,
    output: () => output,
    authSecret: () => options.env?.AUTH_SECRET ?? readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim(),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const code = await exited;
      if (!options.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      await releaseTestDatabase(!options.keepData);
      return code;
    },
  };
}
