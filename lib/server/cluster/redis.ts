import type { createClient as CreateClient } from "redis";
import { getConfig } from "../config";

// The client library is loaded only in cluster mode (openRedis): one process never pays its ~0.5 s
// of start-up CPU.

interface Clients {
  /** For presence, typing and throttles: fails at once while Redis is down, so REST never waits on it. */
  state: RedisClient;
  /** For Socket.IO's adapter: queues while Redis is down and sends on reconnection. */
  events: RedisClient;
}

// Route handlers (Next's bundle) and server.ts each load this module: the connections live on
// globalThis so that the process has one pair.
const globalForRedis = globalThis as { __auraflowRedis?: Clients };

const START_TIMEOUT_MS = 10_000;

const newClient = (createClient: typeof CreateClient, url: string, failFast: boolean) =>
  createClient({
    url,
    disableOfflineQueue: failFast,
    socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
  });

export type RedisClient = ReturnType<typeof newClient>;

async function connect(url: string, role: string, failFast: boolean): Promise<RedisClient> {
  const { createClient } = await import("redis");
  const client = newClient(createClient, url, failFast);
  let reported = false;
  client.on("error", (error: Error) => {
    // The client reconnects by itself; say so once per outage rather than at every retry.
    if (!reported) console.error(`[redis] ${role} connection: ${error.message}`);
    reported = true;
  });
  client.on("ready", () => {
    if (reported) console.log(`[redis] ${role} connection restored`);
    reported = false;
  });
  // The client retries for ever; at start-up an unreachable Redis is a configuration problem.
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      client.destroy();
      reject(new Error(`no answer from ${new URL(url).host} within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
  });
  return Promise.race([client.connect(), gaveUp]).finally(() => clearTimeout(timer));
}

/** Opens the connections (server.ts, at start); rejects when Redis cannot be reached. */
export async function openRedis(): Promise<Clients> {
  if (globalForRedis.__auraflowRedis) return globalForRedis.__auraflowRedis;
  const url = getConfig().redisUrl;
  if (!url) throw new Error("REDIS_URL is not set");
  const [state, events] = await Promise.all([connect(url, "state", true), connect(url, "events", false)]);
  return (globalForRedis.__auraflowRedis = { state, events });
}

/** The open connections; only in cluster mode, after openRedis(). */
export function redisClients(): Clients {
  const clients = globalForRedis.__auraflowRedis;
  if (!clients) throw new Error("Redis connections are not open (cluster mode starts them in server.ts)");
  return clients;
}

export async function closeRedis(): Promise<void> {
  const clients = globalForRedis.__auraflowRedis;
  globalForRedis.__auraflowRedis = undefined;
  if (!clients) return;
  // close() waits for commands already sent (the recovery sessions persisted while draining).
  await Promise.allSettled([clients.events.close(), clients.state.close()]);
}

/** Prefixed key of this installation. */
export const redisKey = (...parts: (string | number)[]) => [getConfig().redisPrefix, ...parts].join(":");
