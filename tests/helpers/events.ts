import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import type { Socket } from "socket.io-client";
import type { RealtimeClient } from "../../lib/realtime/client";

// Waiting for realtime events in tests: collect what a socket or client receives, wait (bounded)
// for matching items, or rule them out for a while.

/** Records every item a source produces and lets a test wait for (or rule out) matching ones. */
export class Collector<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(subscribe: (push: (item: T) => void) => () => void) {
    this.unsubscribe = subscribe((item) => {
      this.items.push(item);
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  /** The index the next item will get: pass it as `from` to look only at later items. */
  get mark(): number {
    return this.items.length;
  }

  matching(match: (item: T) => boolean, from = 0): T[] {
    return this.items.slice(from).filter(match);
  }

  /** Resolves once `count` items at index >= `from` match; rejects after `timeoutMs`. */
  waitForCount(match: (item: T) => boolean, count: number, label: string, options: { from?: number; timeoutMs?: number } = {}): Promise<T[]> {
    const { from = 0, timeoutMs = 5000 } = options;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = () => {
        const found = this.matching(match, from);
        if (found.length >= count) {
          cleanup();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const got = this.matching(match, from).length;
        const seen = JSON.stringify(this.items.slice(from)).slice(0, 1500);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} × ${label} (got ${got}); received since: ${seen}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  stop(): void {
    this.unsubscribe();
  }
}

/** The first item at index >= `from` that matches, waiting at most `timeoutMs` for it. */
export async function waitFor<T>(collector: Collector<T>, match: (item: T) => boolean, label: string, options: { from?: number; timeoutMs?: number } = {}): Promise<T> {
  const [first] = await collector.waitForCount(match, 1, label, options);
  return first;
}

/** Waits `ms` and asserts that no item at index >= `from` (default: from now) matched meanwhile. */
export async function expectNone<T>(collector: Collector<T>, match: (item: T) => boolean, ms: number, label: string, from = collector.mark): Promise<void> {
  await delay(ms);
  const found = collector.matching(match, from);
  assert.equal(found.length, 0, `expected no ${label} within ${ms} ms, got ${JSON.stringify(found)}`);
}

export function socketEvents<T>(socket: Socket, event: string): Collector<T> {
  return new Collector<T>((push) => {
    const handler = (payload: T) => push(payload);
    socket.on(event, handler);
    return () => void socket.off(event, handler);
  });
}

export function clientEvents<T>(client: RealtimeClient, event: "message_sent" | "direct_message_sent"): Collector<T> {
  return new Collector<T>((push) => {
    const off = client.on(event, ((payload: unknown) => push(payload as T)) as never);
    return () => void off();
  });
}

/** The arguments of the next `event` on the socket, within `timeoutMs`. */
export function once<T = unknown>(socket: Socket, event: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, handler);
  });
}

/** Emits and resolves with the ack (the server always answers). */
export function emitAck<T = any>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

/**
 * Holds back a socket's CONNECT packet while closed (its `auth` is a function that waits here), so a
 * test can post while the client is certainly still away, without touching its reconnection logic.
 */
export class Gate {
  private passage: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  close(): void {
    this.passage = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release?.();
    this.release = undefined;
  }

  auth(token: string) {
    return (callback: (data: object) => void) => void this.passage.then(() => callback({ token }));
  }
}

const opened = new Set<{ close(): void }>();

/** Remembers a socket or client for closeAll() (call it in afterEach). */
export function track<T extends { close(): void }>(resource: T): T {
  opened.add(resource);
  return resource;
}

export function closeAll(): void {
  for (const resource of opened) resource.close();
  opened.clear();
}
