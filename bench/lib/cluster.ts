// The services scenario 7 (cluster mode) needs besides the app's nodes: Redis (whether it is there,
// its CPU, key prefixes of the run's own that are deleted at the end) and nginx in front of two
// nodes (its CPU, and which client address it sends to which node).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { createServer } from "node:net";
import { createClient } from "redis";
import { nginxBinary } from "../../scripts/nginx";
import { redact } from "./postgres";
import { cpuSecondsEach } from "./procs";

/** BENCH_REDIS_URL, else the local Redis. */
export const redisUrlFromEnv = () => process.env.BENCH_REDIS_URL || "redis://127.0.0.1:6379";

/** What @socket.io/redis-streams-adapter needs. */
const MIN_REDIS = [6, 2];

export interface RedisInfo {
  url: string;
  version: string;
  /** redis-server's pid as it reports it; its CPU is read from /proc when it runs on this machine. */
  pid: number;
}

const newClient = (url: string) => {
  // No retries: a Redis that is not there is a reason to leave the scenario out, not to wait.
  const client = createClient({ url, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on("error", () => undefined);
  return client;
};

/** The Redis the cluster nodes of a run share, and the key prefixes (REDIS_PREFIX) it gave them. */
export class BenchRedis {
  private readonly prefixes: string[] = [];
  private readonly tag = `${process.pid}-${randomBytes(3).toString("hex")}`;

  constructor(readonly url: string) {}

  /** Version and pid; rejects with the reason when it cannot serve a cluster. */
  async info(): Promise<RedisInfo> {
    const client = await newClient(this.url).connect();
    try {
      const text = await client.info("server");
      const field = (name: string) => new RegExp(`^${name}:(.*)$`, "m").exec(text)?.[1].trim() ?? "";
      const version = field("redis_version");
      const [major, minor] = version.split(".").map(Number);
      if (major < MIN_REDIS[0] || (major === MIN_REDIS[0] && minor < MIN_REDIS[1])) {
        throw new Error(`Redis ${version} is too old for the streams adapter (${MIN_REDIS.join(".")} or later)`);
      }
      return { url: redact(this.url), version, pid: Number(field("process_id")) };
    } finally {
      client.destroy();
    }
  }

  /** A REDIS_PREFIX of this run's own: nothing else reads its stream, and `deleteKeys` removes it. */
  prefix(setup: string): string {
    const prefix = `auraflow-bench-${this.tag}-${setup}`;
    this.prefixes.push(prefix);
    return prefix;
  }

  /** Deletes every key under the prefixes handed out; safe to call twice. */
  async deleteKeys(): Promise<void> {
    const prefixes = this.prefixes.splice(0);
    if (!prefixes.length) return;
    const client = await newClient(this.url).connect();
    try {
      for (const prefix of prefixes) {
        for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) if (keys.length) await client.unlink(keys);
      }
    } finally {
      client.destroy();
    }
  }
}

/**
 * Resolves to Redis's version and pid when scenario 7 can run here; rejects with the reason when it
 * cannot: it needs nginx, and a Redis at `redis` recent enough for the streams adapter.
 */
export async function checkClusterServices(redis: BenchRedis): Promise<RedisInfo> {
  if (!nginxBinary()) throw new Error("nginx is not installed (Debian: apt-get install -y nginx)");
  return redis.info().catch((error: Error) => {
    throw new Error(`no usable Redis at ${redact(redis.url)} (${error.message}); set BENCH_REDIS_URL`);
  });
}

/**
 * Starts measuring the CPU time of `pids` that run `command` on this machine; the function returned
 * reads their total since then, in seconds: NaN when none of them runs here (a remote Redis).
 */
export function processCpuMeter(pids: number[], command: string): () => number {
  const before = cpuSecondsEach(pids, command);
  return () => {
    const after = cpuSecondsEach([...before.keys()], command);
    if (!after.size) return NaN;
    return [...after].reduce((sum, [pid, seconds]) => sum + seconds - before.get(pid)!, 0);
  };
}

/** nginx's master and its workers (which do the proxying). */
export function nginxPids(masterPid: number): number[] {
  const workers = spawnSync("pgrep", ["-P", String(masterPid)], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean).map(Number);
  return [masterPid, ...workers];
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The node that answers GET /api/health at `baseUrl` for a client bound to `localAddress`. */
function nodeIdFrom(baseUrl: string, localAddress: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/api/health`, { localAddress, agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => {
        const node = (JSON.parse(body) as { node?: string }).node;
        if (node) resolve(node);
        else reject(new Error(`${baseUrl}/api/health names no node (is REDIS_URL set?): ${body.slice(0, 200)}`));
      });
    });
    request.on("error", reject);
  });
}

/**
 * One local address (127.0.0.x) per node whose connections nginx at `nginxUrl` sends to that node
 * (it hashes the client address): clients bound to them are spread over the nodes as chosen.
 */
export async function addressPerNode(nginxUrl: string, nodeUrls: string[]): Promise<string[]> {
  const nodeIds = await Promise.all(nodeUrls.map((url) => nodeIdFrom(url, "127.0.0.1")));
  const addresses: (string | undefined)[] = nodeIds.map(() => undefined);
  for (let host = 2; host < 255 && addresses.includes(undefined); host++) {
    const address = `127.0.0.${host}`;
    const index = nodeIds.indexOf(await nodeIdFrom(nginxUrl, address));
    if (index >= 0) addresses[index] ??= address;
  }
  if (addresses.includes(undefined)) throw new Error(`nginx sent no client address in 127.0.0.2-254 to some node: ${JSON.stringify(addresses)}`);
  return addresses as string[];
}
