// What the baselines share: the same login, handshake and message shape as the app, each done the
// cheapest correct way (a token map, prepared statements), so that the app can be compared with
// them on the same client and payloads. The database work comes from each baseline in its engine's
// own API: synchronous on better-sqlite3 (sqlite.ts), promises on pg (bare-pg.ts).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

export type MaybePromise<T> = T | Promise<T>;

export interface BareUser {
  id: number;
  username: string;
  avatar_url: string | null;
}

/** Same JSON as the app's Message (lib/api/entities.ts), keys in the same order. */
export interface Message {
  id: number;
  channel_id: number;
  sender_id: number;
  content: string;
  message_type: string;
  created_at: string;
  author: string;
  avatar_url: string | null;
  edited_at: string | null;
  reply_to: number | null;
  nonce: string | null;
}

export interface SendInput {
  channel_id: number;
  content: string;
  nonce: string | null;
}

// The SQL both engines run for login, the handshake and the access check, with `?` placeholders
// (bare-pg numbers them).
export const USER_BY_NAME = `SELECT id, username, avatar_url FROM users WHERE username_lower = ?`;
/** The channels a user reads: the non-private channels of their communities. */
export const READABLE_CHANNELS = `SELECT c.id FROM channels c JOIN community_members m ON m.community_id = c.community_id
   WHERE m.user_id = ? AND c.type <> 'private'`;
/** One row when the user (first parameter) reads the channel (second). */
export const CAN_READ = `SELECT 1 AS ok FROM channels c JOIN community_members m ON m.community_id = c.community_id AND m.user_id = ?
   WHERE c.id = ? AND c.type <> 'private'`;

/** What login and the handshake look up in a baseline's database. */
export interface Lookups {
  userByName(usernameLower: string): MaybePromise<BareUser | undefined>;
  readableChannelIds(userId: number): MaybePromise<number[]>;
}

/**
 * `next(value)` at once when `value` is not a promise, else when it resolves: better-sqlite3's
 * answers stay on the synchronous path, pg's are awaited.
 */
function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Tokens handed out by POST /login; checking one is a map lookup. */
export class TokenStore {
  private readonly users = new Map<string, BareUser>();

  constructor(private readonly userByName: Lookups["userByName"]) {}

  async login(username: string): Promise<string | null> {
    const user = await this.userByName(username.toLowerCase());
    if (!user) return null;
    const token = randomUUID();
    this.users.set(token, user);
    return token;
  }

  fromBearer(header: string | undefined): BareUser | undefined {
    return header?.startsWith("Bearer ") ? this.users.get(header.slice(7)) : undefined;
  }

  fromToken(token: unknown): BareUser | undefined {
    return typeof token === "string" ? this.users.get(token) : undefined;
  }
}

export const channelRoom = (channelId: number) => `channel:${channelId}`;

export function parseSend(input: unknown): SendInput | null {
  const body = input as Partial<SendInput> | null;
  if (!body || !Number.isSafeInteger(body.channel_id) || typeof body.content !== "string") return null;
  const content = body.content.trim();
  if (content.length === 0 || content.length > 4000) return null;
  return { channel_id: body.channel_id!, content, nonce: typeof body.nonce === "string" ? body.nonce : null };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString()));
    req.on("error", reject);
  });
}

export function sendJson(res: ServerResponse, status: number, data: unknown): void {
  const body = JSON.stringify(data);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export const notFound = { error: { code: "not_found", message: "Not found" } };
const internal = (error: Error) => ({ error: { code: "internal", message: error.message } });

/** POST /login {username} → {token}; passwords are not what the baselines measure. */
async function handleLogin(tokens: TokenStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { username } = JSON.parse(await readBody(req)) as { username?: string };
  const token = typeof username === "string" ? await tokens.login(username) : null;
  if (token) sendJson(res, 200, { token });
  else sendJson(res, 401, { error: { code: "unauthorized", message: "Unknown user" } });
}

/** A baseline's own routes, tried after POST /login; it answers every request, unknown paths with `notFound`. */
export type Route = (req: IncomingMessage, res: ServerResponse, tokens: TokenStore) => MaybePromise<void>;

/**
 * An HTTP server with POST /login and Socket.IO attached, whose handshake takes `auth: { token }`
 * and joins the user's channel rooms; prints "listening <port>" for run.ts once ready.
 */
export function startServer(lookups: Lookups, route: Route): Server {
  const tokens = new TokenStore(lookups.userByName);
  const http = createServer((req, res) => {
    const fail = (error: Error) => {
      if (!res.headersSent) sendJson(res, 500, internal(error));
    };
    try {
      const answered = req.method === "POST" && req.url === "/login" ? handleLogin(tokens, req, res) : route(req, res, tokens);
      if (answered instanceof Promise) answered.catch(fail);
    } catch (error) {
      fail(error as Error);
    }
  });
  // The app's keep-alive settings (server.ts), so that both treat pooled connections alike.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const io = new Server(http, { serveClient: false });
  io.use((socket, next) => {
    const user = tokens.fromToken(socket.handshake.auth?.token);
    if (!user) return next(new Error("unauthorized"));
    socket.data.user = user;
    // Looked up before the handshake completes (as the app does), so that no client is connected
    // before it is in its rooms.
    const looked = andThen(lookups.readableChannelIds(user.id), (ids) => {
      socket.data.rooms = ids.map(channelRoom);
      next();
    });
    if (looked instanceof Promise) looked.catch((error: Error) => next(error));
  });
  io.on("connection", (socket) => {
    socket.join(socket.data.rooms as string[]);
  });
  http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1", () => {
    console.log(`listening ${(http.address() as AddressInfo).port}`);
  });
  process.on("SIGTERM", () => {
    io.close();
    process.exit(0);
  });
  return io;
}

/** What baseline (b) does in its database for the send and history paths. */
export interface MessageStore {
  /** Checks that the user reads the channel and inserts the message; null when they may not. */
  insert(user: BareUser, body: SendInput): MaybePromise<Message | null>;
  /** The channel's last `limit` messages, oldest first; null when the user may not read it. */
  page(user: BareUser, channelId: number, limit: number): MaybePromise<Message[] | null>;
}

/**
 * Baseline (b) on either engine. `POST /send` and the socket event `send_message` (with its ack)
 * check the token with a map lookup, check access, insert the row and broadcast it to the channel
 * room: the same work as the app's send path, with nothing between. `GET /history/{id}?limit=50`
 * serves the app's page shape.
 */
export function serveMessages(lookups: Lookups, store: MessageStore): void {
  const channelNotFound = { error: { code: "not_found", message: "Channel not found" } };
  const unauthorized = { error: { code: "unauthorized", message: "Sign in" } };

  const send = (user: BareUser, body: SendInput) =>
    andThen(store.insert(user, body), (message) => {
      if (message) io.to(channelRoom(body.channel_id)).emit("message_sent", message);
      return message;
    });

  async function postSend(req: IncomingMessage, res: ServerResponse, user: BareUser | undefined) {
    if (!user) return sendJson(res, 401, unauthorized);
    const body = parseSend(JSON.parse(await readBody(req)));
    if (!body) return sendJson(res, 400, { error: { code: "invalid_request", message: "Invalid body" } });
    return andThen(send(user, body), (message) => (message ? sendJson(res, 201, message) : sendJson(res, 404, channelNotFound)));
  }

  function getHistory(res: ServerResponse, user: BareUser | undefined, channelId: number, limit: number) {
    if (!user) return sendJson(res, 401, unauthorized);
    return andThen(store.page(user, channelId, limit), (messages) => (messages ? sendJson(res, 200, messages) : sendJson(res, 404, channelNotFound)));
  }

  const io = startServer(lookups, (req, res, tokens) => {
    if (req.method === "POST" && req.url === "/send") return postSend(req, res, tokens.fromBearer(req.headers.authorization));
    const history = req.method === "GET" ? /^\/history\/(\d+)(?:\?limit=(\d+))?$/.exec(req.url ?? "") : null;
    if (history) return getHistory(res, tokens.fromBearer(req.headers.authorization), Number(history[1]), Math.min(Number(history[2] ?? 50), 100));
    sendJson(res, 404, notFound);
  });

  io.on("connection", (socket) => {
    const user = socket.data.user as BareUser;
    socket.on("send_message", (input: unknown, ack?: (result: unknown) => void) => {
      const body = parseSend(input);
      if (!body) return ack?.(channelNotFound);
      const acked = andThen(send(user, body), (message) => ack?.(message ? { ok: true, message } : channelNotFound));
      if (acked instanceof Promise) acked.catch((error: Error) => ack?.(internal(error)));
    });
  });
}
