// Starting, pinning, measuring and stopping the processes of a benchmark run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import type { Command, Reply } from "./protocol";

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
/** Pinning is on when taskset exists, unless BENCH_PIN=0 (e.g. to compare against unpinned runs). */
export const HAS_TASKSET = process.env.BENCH_PIN !== "0" && ["/usr/bin/taskset", "/bin/taskset"].some((file) => existsSync(file));

/** CPU time (user + system, all threads) a live process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU time (s) each of `pids` has used so far, for those that run `command` on this machine (a pid
 * of a remote server names nothing here, or another program).
 */
export function cpuSecondsEach(pids: number[], command: string): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === command) seconds.set(pid, cpuSeconds(pid));
    } catch {
      // exited meanwhile, or never ran here
    }
  }
  return seconds;
}

export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : NaN;
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * Spawns `node args…` on one core (taskset, when the machine has it) with the open-files limit
 * raised to the hard limit. bash and taskset exec into node, so the child's pid is node's.
 */
export function spawnPinned(core: number, nodeArgs: string[], options: { env?: NodeJS.ProcessEnv; ipc?: boolean; cwd: string }): ChildProcess {
  const pin = HAS_TASKSET ? `taskset -c ${core} ` : "";
  const script = `ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec ${pin}${[process.execPath, ...nodeArgs].map(quote).join(" ")}`;
  return spawn("bash", ["-c", script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: options.ipc ? ["ignore", "inherit", "inherit", "ipc"] : ["ignore", "pipe", "pipe"],
  });
}

export interface Server {
  name: string;
  pid: number;
  port: number;
  baseUrl: string;
  /** The inspector's WebSocket URL when started with `inspect`. */
  inspectorUrl?: string;
  /** Everything the server printed, for the error report when something fails. */
  log: string[];
  stop(): Promise<void>;
}

/** Starts a server and waits for the line that gives its port (and its inspector URL). */
export function startServer(
  name: string,
  nodeArgs: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; core: number; portPattern: RegExp; timeoutMs?: number; inspect?: boolean },
): Promise<Server> {
  const args = options.inspect ? ["--inspect=127.0.0.1:0", ...nodeArgs] : nodeArgs;
  const child = spawnPinned(options.core, args, { env: options.env, cwd: options.cwd });
  const log: string[] = [];
  let started = false;
  return new Promise((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 90_000;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${log.join("")}`));
    }, timeoutMs);
    // Always drained, so that a chatty server never blocks on a full pipe; the tail is kept.
    const logFile = process.env.BENCH_LOG_DIR ? path.join(process.env.BENCH_LOG_DIR, `${name}.log`) : undefined;
    if (logFile) mkdirSync(path.dirname(logFile), { recursive: true });
    const onData = (chunk: Buffer) => {
      if (logFile) appendFileSync(logFile, chunk);
      log.push(chunk.toString());
      if (log.length > 200) log.splice(0, log.length - 200);
      if (started) return;
      const text = log.join("");
      const port = options.portPattern.exec(text);
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(text);
      if (!port || (options.inspect && !inspector)) return;
      started = true;
      clearTimeout(timer);
      resolve({
        name,
        pid: child.pid!,
        port: Number(port[1]),
        baseUrl: `http://127.0.0.1:${port[1]}`,
        inspectorUrl: inspector?.[1],
        log,
        stop: () => stopChild(child),
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => {
      if (started) return;
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it listened:\n${log.join("")}`));
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The load generator process and its one-command-at-a-time IPC. */
export class LoadClient {
  private constructor(private readonly child: ChildProcess) {}

  static start(core: number, cwd: string, script: string): LoadClient {
    return new LoadClient(spawnPinned(core, ["--import", "tsx", script], { cwd, ipc: true }));
  }

  get pid(): number {
    return this.child.pid!;
  }

  call<T>(command: Command, timeoutMs = 180_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => finish(new Error(`load generator exited (${code}) during ${command.cmd}`));
      const onMessage = (reply: Reply) => finish(reply.ok ? null : new Error(`load generator, ${command.cmd}: ${reply.error}`), reply);
      const timer = setTimeout(() => finish(new Error(`load generator: ${command.cmd} took over ${timeoutMs} ms`)), timeoutMs);
      const finish = (error: Error | null, reply?: Reply) => {
        clearTimeout(timer);
        this.child.off("message", onMessage);
        this.child.off("exit", onExit);
        if (error) reject(error);
        else resolve((reply as { result: T }).result);
      };
      this.child.on("message", onMessage);
      this.child.once("exit", onExit);
      this.child.send(command);
    });
  }

  async stop(): Promise<void> {
    if (this.child.connected) this.child.send({ cmd: "exit" } satisfies Command);
    await stopChild(this.child, 5_000);
  }
}

/**
 * Waits until `pid` has been nearly idle (under 5% of a core) for one 300 ms window, so that work
 * left from the previous run (a backlog, presence updates, GC) does not land in the next one.
 */
export async function settle(pid: number, maxMs = 10_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const before = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, 300));
    if (cpuSeconds(pid) - before < 0.015) return;
  }
}

export interface HeapFigures {
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
}

/**
 * Through the inspector of a server started with `inspect`: forces two full garbage collections,
 * then reads process.memoryUsage(), so that memory figures before and after do not depend on when
 * V8 last collected.
 */
export function collectAndMeasure(inspectorUrl: string): Promise<HeapFigures> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(inspectorUrl);
    let id = 0;
    const pending = new Map<number, (result: unknown) => void>();
    const call = (method: string, params: object = {}) =>
      new Promise<unknown>((done) => {
        pending.set(++id, done);
        socket.send(JSON.stringify({ id, method, params }));
      });
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
    socket.on("error", reject);
    socket.on("open", async () => {
      try {
        await call("HeapProfiler.collectGarbage");
        await call("HeapProfiler.collectGarbage");
        const result = (await call("Runtime.evaluate", { expression: "JSON.stringify(process.memoryUsage())", returnByValue: true })) as {
          result: { value: string };
        };
        const usage = JSON.parse(result.result.value) as { rss: number; heapUsed: number; external: number };
        resolve({ rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, externalBytes: usage.external });
      } catch (error) {
        reject(error);
      } finally {
        socket.close();
      }
    });
  });
}

/**
 * How much of one core a busy loop pinned to `core` gets for `ms`: 1.0 on an idle machine, less
 * when other tenants share the cores. Taken at the start and end of a run to tell noise apart.
 */
export function coreAvailability(core: number, ms = 700): number {
  const spin = `const t=Date.now(),c=process.cpuUsage();while(Date.now()-t<${ms}){}const u=process.cpuUsage(c);console.log((u.user+u.system)/1e3/${ms})`;
  const args = HAS_TASKSET ? ["-c", String(core), process.execPath, "-e", spin] : ["-e", spin];
  const result = spawnSync(HAS_TASKSET ? "taskset" : process.execPath, args, { encoding: "utf8" });
  return Math.round(Number(result.stdout.trim()) * 100) / 100;
}

/** "some avg10" of /proc/pressure/cpu: the share of the last 10 s in which runnable tasks waited for a CPU. */
export function cpuPressure(): number {
  try {
    const match = /some avg10=([\d.]+)/.exec(readFileSync("/proc/pressure/cpu", "utf8"));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}
