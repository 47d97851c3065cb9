import { getConfig } from "../config";
import { closeRedis, openRedis, redisClients } from "./redis";

/** Cluster mode: REDIS_URL is set (the configuration has checked PostgreSQL and AUTH_SECRET). */
export const isClustered = () => Boolean(getConfig().redisUrl);

/** Connects to Redis in cluster mode (server.ts, at start); rejects when it cannot be reached. */
export async function joinCluster(): Promise<void> {
  if (isClustered()) await openRedis();
}

export async function leaveCluster(): Promise<void> {
  await closeRedis();
}

export type RedisHealth = "ok" | "unreachable";

/** A round trip to Redis; undefined for one process (no Redis to check). */
export async function checkRedis(timeoutMs = 1000): Promise<RedisHealth | undefined> {
  if (!isClustered()) return undefined;
  const { state } = redisClients();
  if (!state.isReady) return "unreachable";
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref());
  return Promise.race([state.ping(), timeout]).then(
    () => "ok",
    () => "unreachable",
  );
}
