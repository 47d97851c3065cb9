import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getConfig } from "../config";
import { redisClients, redisKey } from "./redis";

export interface LimiterOptions {
  /** Names the counters (and their Redis keys). */
  name: string;
  points: number;
  durationSeconds: number;
}

// One limiter per name and process, shared by both bundles like the stores.
const globalForLimiters = globalThis as { __auraflowLimiters?: Map<string, RateLimiterAbstract> };
const limiters = (globalForLimiters.__auraflowLimiters ??= new Map<string, RateLimiterAbstract>());

/**
 * A rate-limiter-flexible limiter: in memory for one process; in Redis for a cluster, so that every
 * node counts against the same total. While Redis is down, each node counts in its own memory.
 */
export function limiter({ name, points, durationSeconds }: LimiterOptions): RateLimiterAbstract {
  let existing = limiters.get(name);
  if (existing) return existing;
  const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
  existing = getConfig().redisUrl
    ? new RateLimiterRedis({
        storeClient: redisClients().state,
        useRedisPackage: true,
        keyPrefix: redisKey("limit", name),
        points,
        duration: durationSeconds,
        insuranceLimiter: memory,
      })
    : memory;
  limiters.set(name, existing);
  return existing;
}
