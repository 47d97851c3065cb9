import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  dbFile: string;
  output: () => string;
  /** Stops with SIGTERM; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** Reuse a data folder (restart tests); by default a fresh temporary one is made. */
  dataDir?: string;
  keepData?: boolean;
}

/** Environment for a server process that owns nothing but its own data folder. */
function serverEnv(dataDir: string, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir };
  for (const key of ["DATABASE_URL", "AUTH_SECRET", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "REDIS_URL"]) delete env[key];
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

/** Starts the real server (production build, real SQLite file) on a random port. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm test` (it builds first) or `npm run build`");
  }
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "auraflow-test-"));
  const child = spawnServer(dataDir, options.env);
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
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

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    dbFile: path.join(dataDir, "auraflow.db"),
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      if (!options.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
