import { getConfig } from "../config";
import { redisClients, redisKey } from "./redis";

/**
 * Who is typing where: one value per channel (or DM conversation) and user, with an expiry. In
 * memory for one process; in Redis for a cluster, so that a message sent through any node clears a
 * typing indicator that started on another, and only the node that takes the value announces the
 * stop.
 */
export interface TypingStore {
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Deletes the key (when `expected` is given, only while it still holds that); resolves with what it held. */
  take(key: string, expected?: string): Promise<string | null>;
}

class MemoryTypingStore implements TypingStore {
  private readonly values = new Map<string, { value: string; expiresAt: number }>();

  async set(key: string, value: string, ttlMs: number) {
    this.values.set(key, { value, expiresAt: Date.now() + ttlMs });
  }

  async take(key: string, expected?: string) {
    const entry = this.values.get(key);
    if (!entry || (expected !== undefined && entry.value !== expected)) return null;
    this.values.delete(key);
    return entry.expiresAt > Date.now() ? entry.value : null;
  }
}

// GET and DEL in one step, only while the key holds the expected value.
const TAKE_IF_EQUAL = `local value = redis.call("GET", KEYS[1])
if value == ARGV[1] then redis.call("DEL", KEYS[1]) return value end
return false`;

class RedisTypingStore implements TypingStore {
  private get redis() {
    return redisClients().state;
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.redis.set(redisKey("typing", key), value, { PX: ttlMs });
  }

  async take(key: string, expected?: string) {
    const full = redisKey("typing", key);
    if (expected === undefined) return this.redis.getDel(full);
    const taken = await this.redis.eval(TAKE_IF_EQUAL, { keys: [full], arguments: [expected] });
    return typeof taken === "string" ? taken : null;
  }
}

const globalForTyping = globalThis as { __auraflowTypingStore?: TypingStore };

export function typingStore(): TypingStore {
  return (globalForTyping.__auraflowTypingStore ??= getConfig().redisUrl ? new RedisTypingStore() : new MemoryTypingStore());
}
