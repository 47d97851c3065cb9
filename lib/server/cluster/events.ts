import { decode } from "@msgpack/msgpack";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { Adapter } from "socket.io-adapter";
import { getConfig } from "../config";
import { redisClients, redisKey } from "./redis";

// Stream ids are "<milliseconds>-<sequence>".
const parseId = (id: string) => id.split("-").map(Number) as [number, number];
const reached = (read: string, target: string) => {
  const [readMs, readSeq] = parseId(read);
  const [targetMs, targetSeq] = parseId(target);
  return readMs > targetMs || (readMs === targetMs && readSeq >= targetSeq);
};

interface StreamProgress {
  /** The last stream entry this process's reader has handled (its own entries included). */
  read?: string;
  waiters: Set<() => void>;
}

const globalForEvents = globalThis as { __auraflowStreamProgress?: StreamProgress };
const progress = (globalForEvents.__auraflowStreamProgress ??= { waiters: new Set() });

/**
 * Socket.IO's adapter for a cluster: every emit, room change and forced disconnect is appended to
 * one Redis stream that every node reads, and the sessions kept for connection-state recovery are
 * stored in Redis, so that a client back on another node recovers too. Undefined for one process
 * (Socket.IO's in-memory adapter). The reader's progress is recorded for eventsReadUpToNow().
 */
export function eventsAdapter(): ReturnType<typeof createAdapter> | undefined {
  const { redisUrl, recoveryWindowMs } = getConfig();
  if (!redisUrl) return undefined;
  const make = createAdapter(redisClients().events, {
    streamName: redisKey("events"),
    channelPrefix: redisKey("events"),
    sessionKeyPrefix: `${redisKey("recovery")}:`,
    // Recovery replays from the stream: keep about a recovery window of a busy installation.
    maxLen: Math.max(10_000, Math.ceil(recoveryWindowMs / 1000) * 1000),
  });
  // Socket.IO calls the factory with `new`: a function, not an arrow.
  return function trackedAdapter(nsp) {
    const adapter = make(nsp);
    const handle = adapter.onRawMessage.bind(adapter);
    adapter.onRawMessage = (message, offset) => {
      handle(message, offset);
      progress.read = offset;
      for (const wake of [...progress.waiters]) wake();
    };
    return adapter;
  };
}

/**
 * Resolves once this process has handled every stream entry appended so far (at most `timeoutMs`
 * later). The adapter hands an emit to this process's own sockets as soon as Redis has appended
 * it, while other nodes' entries arrive through the reader: an emit made after this resolves
 * reaches local sockets after everything appended before it.
 */
export async function eventsReadUpToNow(timeoutMs = 1000): Promise<void> {
  if (!getConfig().redisUrl) return;
  const { events } = redisClients();
  if (!events.isReady) return;
  const last = (await events.xRevRange(redisKey("events"), "+", "-", { COUNT: 1 }))?.[0];
  if (!last || (progress.read && reached(progress.read, last.id))) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      progress.waiters.delete(check);
      resolve();
    };
    const check = () => {
      if (progress.read && reached(progress.read, last.id)) done();
    };
    const timer = setTimeout(done, timeoutMs);
    progress.waiters.add(check);
  });
}

/**
 * The id of the last message announced in `stream` (a channel or a conversation), as the cluster
 * recorded it; null for one process, or when Redis does not know.
 */
export async function lastAnnounced(stream: string): Promise<number | null> {
  if (!getConfig().redisUrl) return null;
  const { events } = redisClients();
  if (!events.isReady) return null;
  const value = await events.get(redisKey("announced", stream));
  return value === null ? null : Number(value);
}

/**
 * Records `id` as the last message announced in `stream`, and resolves once Redis has appended
 * what this process emitted before: the adapter appends on the same connection, which Redis
 * serves in order, so the SET answers after the XADD.
 */
export async function markAnnounced(stream: string, id: number): Promise<void> {
  if (!getConfig().redisUrl) return;
  const { events } = redisClients();
  // While Redis is down the emit waits in the offline queue; the sender must not.
  if (events.isReady) await events.set(redisKey("announced", stream), String(id));
}

export interface StoredSession {
  rooms: string[];
  data?: unknown;
}

/**
 * The session Socket.IO keeps for connection-state recovery under `pid`, read without taking it:
 * from Redis in the streams adapter's format (msgpack, base64) for a cluster, from the in-memory
 * adapter's map otherwise. Null when there is none.
 */
export async function peekRecoverySession(adapter: Adapter, pid: string): Promise<StoredSession | null> {
  if (!getConfig().redisUrl) return (adapter as unknown as { sessions?: Map<string, StoredSession> }).sessions?.get(pid) ?? null;
  const raw = await redisClients().events.get(`${redisKey("recovery")}:${pid}`);
  return raw ? (decode(Buffer.from(raw, "base64")) as StoredSession) : null;
}
