import { ApiRequestError } from "@/lib/api-client";
import type { RealtimeClient } from "@/lib/realtime/client";
import type { ChatMessage } from "./types";

/** Posts one message (over the socket when given a connected client, else over REST). */
export type Deliver = (client: RealtimeClient | null) => Promise<ChatMessage>;

export interface Unsent {
  /** Names the conversation: `channel:7`, `dm:12`. */
  conversation: string;
  message: ChatMessage;
}

interface Entry extends Unsent {
  deliver: Deliver;
}

/** What the pane showing a conversation does with the outcome of its sends. */
export interface OutboxListener {
  /** A message went through: the stored copy, keyed like its pending one. */
  confirmed: (message: ChatMessage) => void;
  /** True when the pane shows this error itself (the composer's wait, a notice). */
  explain: (error: unknown) => boolean;
}

/** The server could not be reached (or the proxy in front of it had no server to ask). */
export function unreachable(error: unknown): boolean {
  return error instanceof ApiRequestError && [0, 502, 503, 504].includes(error.status);
}

/** The server refused the message for a reason sending it again will not change (a block, a rule). */
export function refusedForGood(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/**
 * The messages of this tab that are written but not yet stored, for every conversation: it outlives
 * the pane that wrote them, so they survive navigating away. A conversation's messages go one after
 * another in the order they were written, each with its nonce (so one that did reach the server
 * before an error is not posted twice). While the server cannot be reached they wait ("queued"),
 * and go when the live connection is back; one the server refused stays, marked, until retried
 * ("failed") or dismissed ("refused" ones only can be dismissed).
 */
export class Outbox {
  private entries: Entry[] = [];
  private snapshot: readonly Unsent[] = [];
  private readonly changeListeners = new Set<() => void>();
  private readonly listeners = new Map<string, Set<OutboxListener>>();
  private readonly busy = new Set<string>();
  /** Conversations to pump again once their running pump ends (the connection came back meanwhile). */
  private readonly again = new Set<string>();
  private client: RealtimeClient | null = null;
  private connected = false;

  /** Errors no pane explained: shown as a toast. */
  constructor(private readonly report: (error: unknown) => void) {}

  subscribe = (onChange: () => void): (() => void) => {
    this.changeListeners.add(onChange);
    return () => this.changeListeners.delete(onChange);
  };

  /** Every unsent message with its conversation, in the order they were written. */
  unsent = (): readonly Unsent[] => this.snapshot;

  listen(conversation: string, listener: OutboxListener): () => void {
    const set = this.listeners.get(conversation) ?? new Set();
    set.add(listener);
    this.listeners.set(conversation, set);
    return () => set.delete(listener);
  }

  /** The live connection as it is now: when it comes back, waiting messages go. */
  setConnection(client: RealtimeClient | null, connected: boolean): void {
    this.client = client;
    this.connected = connected;
    if (connected) for (const conversation of new Set(this.entries.map((e) => e.conversation))) void this.pump(conversation);
  }

  send(conversation: string, message: ChatMessage, deliver: Deliver): void {
    this.entries = [...this.entries, { conversation, message: { ...message, state: "pending" }, deliver }];
    this.changed();
    void this.pump(conversation);
  }

  retry(key: string): void {
    const entry = this.entries.find((e) => e.message.key === key);
    if (!entry || entry.message.state !== "failed") return;
    this.update(key, "pending");
    void this.pump(entry.conversation);
  }

  dismiss(key: string): void {
    this.entries = this.entries.filter((e) => e.message.key !== key || e.message.state === "pending");
    this.changed();
  }

  /** Sends the conversation's waiting messages in order, one at a time, until one cannot go. */
  private async pump(conversation: string): Promise<void> {
    if (this.busy.has(conversation)) {
      this.again.add(conversation);
      return;
    }
    this.busy.add(conversation);
    try {
      for (;;) {
        const entry = this.entries.find((e) => e.conversation === conversation && (e.message.state === "pending" || e.message.state === "queued"));
        if (!entry) return;
        // Waiting ones go when the connection is back; a new one is tried at once (REST may work).
        if (entry.message.state === "queued" && !this.connected) return this.holdFrom(conversation);
        this.update(entry.message.key, "pending");
        try {
          const stored = await entry.deliver(this.connected ? this.client : null);
          this.entries = this.entries.filter((e) => e !== entry && e.message.key !== entry.message.key);
          this.changed();
          for (const listener of this.listeners.get(conversation) ?? []) listener.confirmed({ ...stored, key: entry.message.key });
        } catch (error) {
          if (unreachable(error)) return this.holdFrom(conversation);
          this.update(entry.message.key, refusedForGood(error) ? "refused" : "failed");
          const panes = [...(this.listeners.get(conversation) ?? [])];
          if (!panes.some((pane) => pane.explain(error))) this.report(error);
        }
      }
    } finally {
      this.busy.delete(conversation);
      if (this.again.delete(conversation)) void this.pump(conversation);
    }
  }

  /** Everything the conversation still has to send waits for the connection, in order. */
  private holdFrom(conversation: string): void {
    this.entries = this.entries.map((e) =>
      e.conversation === conversation && e.message.state === "pending" ? { ...e, message: { ...e.message, state: "queued" } } : e,
    );
    this.changed();
  }

  private update(key: string, state: ChatMessage["state"]): void {
    this.entries = this.entries.map((e) => (e.message.key === key ? { ...e, message: { ...e.message, state } } : e));
    this.changed();
  }

  private changed(): void {
    this.snapshot = this.entries.map(({ conversation, message }) => ({ conversation, message }));
    for (const listener of this.changeListeners) listener();
  }
}
