import { io, type Socket } from "socket.io-client";
import type { DirectMessage, Message } from "@/lib/api/entities";
import { toRequestError } from "@/lib/api-client";
import type { SendDirectMessageBody, SendMessageBody } from "@/lib/validations/messages";
import type { Ack, ClientToServerEvents, ServerEventName, ServerToClientEvents } from "./events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Handler<E extends ServerEventName> = ServerToClientEvents[E];

/** The events that post a message, with what they take (a REST send's body) and answer. */
interface SendEvents {
  send_message: { input: SendMessageBody; sent: Message };
  send_direct_message: { input: SendDirectMessageBody; sent: DirectMessage };
}

export interface RealtimeClientOptions {
  /** Server origin; the page's own origin when omitted (browser). */
  url?: string;
  /** API token for non-browser clients; browsers authenticate with their session cookie. */
  token?: string;
  /** Extra socket.io-client options (transports, reconnection delays…). */
  socketOptions?: Parameters<typeof io>[1];
}

const PAGE = 100;
/** How long a send waits for its ack before the caller falls back to REST. */
const SEND_ACK_TIMEOUT_MS = 10_000;

/**
 * A Socket.IO connection that delivers channel and DM messages exactly once and in order, across
 * reconnects. Within Socket.IO's recovery window the server replays what was missed. After a
 * longer gap (or a server restart) the client fetches `?after=<last id>` for every channel and
 * conversation it tracks and delivers the gap before any newer live message.
 *
 * Message events are deduplicated by id per channel/conversation; other events pass through, and
 * `onResync` tells the app to refetch state that has no cursor (lists, edits made meanwhile).
 */
export class RealtimeClient {
  readonly socket: ClientSocket;
  private readonly baseUrl: string;
  private readonly token?: string;
  private readonly lastChannelMessage = new Map<number, number>();
  private readonly lastDirectMessage = new Map<number, number>();
  private readonly handlers = new Map<ServerEventName, Set<(payload: never) => void>>();
  private readonly resyncHandlers = new Set<() => void>();
  private catchingUp: Promise<void> | null = null;
  private buffered: { event: "message_sent" | "direct_message_sent"; payload: Message | DirectMessage }[] = [];
  private connectedBefore = false;
  private userId: number | null = null;

  constructor(options: RealtimeClientOptions = {}) {
    this.baseUrl = options.url ?? "";
    this.token = options.token;
    this.socket = io(options.url ?? "", {
      withCredentials: true,
      // WebSocket first: one connection, no polling requests that a load balancer must keep on one
      // node. Long-polling only where WebSockets cannot get through (a proxy that drops upgrades).
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      ...(options.token ? { auth: { token: options.token } } : {}),
      ...options.socketOptions,
    }) as ClientSocket;

    this.socket.on("message_sent", (message) => this.receive("message_sent", message));
    this.socket.on("direct_message_sent", (message) => this.receive("direct_message_sent", message));
    this.socket.onAny((event: ServerEventName, payload: unknown) => {
      if (event !== "message_sent" && event !== "direct_message_sent") this.dispatch(event, payload);
    });
    this.socket.on("connect", () => {
      // First connect: what was tracked before the socket was up (a page that rendered its history
      // on the server) may have missed messages sent in between. Later connects: a gap Socket.IO
      // could not replay.
      if (!this.connectedBefore) void this.runCatchUp(() => this.fetchTrackedGaps());
      else if (!this.socket.recovered) void this.catchUp();
      this.connectedBefore = true;
    });
  }

  /** The signed-in user's id; needed to tell the peer of a DM. */
  setUserId(userId: number): this {
    this.userId = userId;
    return this;
  }

  /**
   * Start tracking a channel from the newest message the app already has (0 for none). When
   * connected, whatever arrived between loading the page and subscribing is fetched at once.
   */
  trackChannel(channelId: number, lastMessageId: number): void {
    this.lastChannelMessage.set(channelId, Math.max(lastMessageId, this.lastChannelMessage.get(channelId) ?? 0));
    if (this.socket.connected) void this.runCatchUp(() => this.fetchChannelGap(channelId));
  }

  /** Start tracking the conversation with `peerId` from the newest DM the app already has. */
  trackConversation(peerId: number, lastMessageId: number): void {
    this.lastDirectMessage.set(peerId, Math.max(lastMessageId, this.lastDirectMessage.get(peerId) ?? 0));
    if (this.socket.connected) void this.runCatchUp(() => this.fetchConversationGap(peerId));
  }

  on<E extends ServerEventName>(event: E, handler: Handler<E>): () => void {
    const set = this.handlers.get(event) ?? new Set();
    set.add(handler as (payload: never) => void);
    this.handlers.set(event, set);
    return () => set.delete(handler as (payload: never) => void);
  }

  /**
   * Posts a channel message or DM over the socket when it is connected: a socket event skips the
   * per-request cost of Next.js that a REST send pays. Resolves with the stored message; rejects
   * with the API's error as an ApiRequestError, like callApi. Resolves null when the socket is
   * down, drops or does not answer in time: send over REST then, with the same nonce, which the
   * server keeps once however often it arrives.
   */
  async send<E extends keyof SendEvents>(event: E, input: SendEvents[E]["input"]): Promise<SendEvents[E]["sent"] | null> {
    if (!this.socket.connected) return null;
    // An untyped view of the socket: Socket.IO's typings cannot follow a generic event name.
    const socket: Socket = this.socket;
    let answer: Ack<{ message: SendEvents[E]["sent"] }>;
    try {
      answer = await socket.timeout(SEND_ACK_TIMEOUT_MS).emitWithAck(event, input);
    } catch {
      return null;
    }
    if (!("ok" in answer)) throw toRequestError(answer);
    return answer.message;
  }

  /** Called after a reconnect that Socket.IO could not recover. */
  onResync(handler: () => void): () => void {
    this.resyncHandlers.add(handler);
    return () => this.resyncHandlers.delete(handler);
  }

  /** Resolves once any catch-up in progress has delivered its messages. */
  async settled(): Promise<void> {
    while (this.catchingUp) await this.catchingUp;
  }

  close(): void {
    this.socket.close();
  }

  private dispatch(event: ServerEventName, payload: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (payload: unknown) => void)(payload);
  }

  private peerOf(message: DirectMessage): number {
    return message.sender_id === this.userId ? message.receiver_id : message.sender_id;
  }

  private receive(event: "message_sent" | "direct_message_sent", payload: Message | DirectMessage): void {
    if (this.catchingUp) {
      this.buffered.push({ event, payload });
      return;
    }
    this.deliver(event, payload);
  }

  /** Delivers a message unless it is not newer than the last one of its channel or conversation. */
  private deliver(event: "message_sent" | "direct_message_sent", payload: Message | DirectMessage): void {
    const [cursors, key] =
      event === "message_sent"
        ? [this.lastChannelMessage, (payload as Message).channel_id]
        : [this.lastDirectMessage, this.peerOf(payload as DirectMessage)];
    const last = cursors.get(key);
    if (last !== undefined && payload.id <= last) return;
    cursors.set(key, payload.id);
    this.dispatch(event, payload);
  }

  private async fetchAfter<T extends { id: number }>(path: string, after: number): Promise<T[]> {
    const all: T[] = [];
    for (let cursor = after; ; ) {
      const response = await fetch(`${this.baseUrl}${path}?after=${cursor}&limit=${PAGE}`, {
        credentials: "include",
        headers: this.token ? { authorization: `Bearer ${this.token}` } : undefined,
      });
      if (!response.ok) return all; // deleted or no longer readable: nothing to catch up there
      const page = (await response.json()) as T[];
      all.push(...page);
      if (page.length < PAGE) return all;
      cursor = page[page.length - 1].id;
    }
  }

  private async fetchChannelGap(channelId: number): Promise<void> {
    const last = this.lastChannelMessage.get(channelId) ?? 0;
    for (const message of await this.fetchAfter<Message>(`/api/messages/channel/${channelId}`, last)) this.deliver("message_sent", message);
  }

  private async fetchConversationGap(peerId: number): Promise<void> {
    const last = this.lastDirectMessage.get(peerId) ?? 0;
    for (const message of await this.fetchAfter<DirectMessage>(`/api/messages/direct/${peerId}`, last)) this.deliver("direct_message_sent", message);
  }

  /**
   * Runs fetches one after another; live messages wait in a buffer until the last one is done,
   * so a gap is always delivered before anything newer.
   */
  private runCatchUp(work: () => Promise<void>): Promise<void> {
    const run: Promise<void> = (this.catchingUp ?? Promise.resolve())
      .then(work)
      .catch(() => undefined)
      .finally(() => {
        if (this.catchingUp !== run) return;
        this.catchingUp = null;
        const buffered = this.buffered;
        this.buffered = [];
        for (const { event, payload } of buffered) this.deliver(event, payload);
      });
    this.catchingUp = run;
    return run;
  }

  private async fetchTrackedGaps(): Promise<void> {
    for (const channelId of this.lastChannelMessage.keys()) await this.fetchChannelGap(channelId);
    for (const peerId of this.lastDirectMessage.keys()) await this.fetchConversationGap(peerId);
  }

  private catchUp(): Promise<void> {
    return this.runCatchUp(async () => {
      await this.fetchTrackedGaps();
      for (const handler of this.resyncHandlers) handler();
    });
  }
}
