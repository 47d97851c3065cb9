// What both baselines share: the same login, handshake and message shape as the app, each done
// the cheapest correct way (a token map, prepared statements), so that the app can be compared
// with them on the same client and payloads.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { Server } from "socket.io";

export interface BareUser {
  id: number;
  username: string;
  avatar_url: string | null;
}

export interface MessageRow {
  id: number;
  channel_id: number;
  sender_id: number;
  content: string;
  message_type: string;
  created_at: string;
  edited_at: string | null;
  reply_to: number | null;
  author: string;
  avatar_url: string | null;
  nonce: string | null;
}

export interface SendInput {
  channel_id: number;
  content: string;
  nonce: string | null;
}

/** Opens the benchmark's copy of the seeded database (DB_FILE) as the app configures SQLite. */
export function openDatabase(): Database.Database {
  const file = process.env.DB_FILE;
  if (!file) throw new Error("DB_FILE is required");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

/** Tokens handed out by POST /login; checking one is a map lookup. */
export class TokenStore {
  private readonly users = new Map<string, BareUser>();
  private readonly byName: Database.Statement<[string], BareUser>;

  constructor(sqlite: Database.Database) {
    this.byName = sqlite.prepare(`SELECT id, username, avatar_url FROM users WHERE username_lower = ?`);
  }

  login(username: string): string | null {
    const user = this.byName.get(username.toLowerCase());
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

/** The channel rooms a user reads: the non-private channels of their communities. */
export function channelRoomsQuery(sqlite: Database.Database): (userId: number) => string[] {
  const statement = sqlite.prepare<[number], { id: number }>(
    `SELECT c.id FROM channels c JOIN community_members m ON m.community_id = c.community_id
     WHERE m.user_id = ? AND c.type <> 'private'`,
  );
  return (userId) => statement.all(userId).map((row) => `channel:${row.id}`);
}

/** Same JSON as the app's Message (lib/api/entities.ts). */
export function toMessage(row: MessageRow) {
  return {
    id: row.id,
    channel_id: row.channel_id,
    sender_id: row.sender_id,
    content: row.content,
    message_type: row.message_type,
    created_at: new Date(row.created_at).toISOString(),
    author: row.author,
    avatar_url: row.avatar_url,
    edited_at: row.edited_at === null ? null : new Date(row.edited_at).toISOString(),
    reply_to: row.reply_to,
    nonce: row.nonce,
  };
}

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

/** POST /login {username} → {token}; passwords are not what the baselines measure. */
export async function handleLogin(tokens: TokenStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { username } = JSON.parse(await readBody(req)) as { username?: string };
  const token = typeof username === "string" ? tokens.login(username) : null;
  if (token) sendJson(res, 200, { token });
  else sendJson(res, 401, { error: { code: "unauthorized", message: "Unknown user" } });
}

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * An HTTP server with Socket.IO attached whose handshake takes `auth: { token }` and joins the
 * user's channel rooms; prints "listening <port>" for run.ts once ready.
 */
export function startServer(tokens: TokenStore, roomsOf: (userId: number) => string[], route: Route): { http: HttpServer; io: Server } {
  const http = createServer((req, res) => {
    Promise.resolve(route(req, res)).catch((error: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: "internal", message: error.message } });
    });
  });
  // The app's keep-alive settings (server.ts), so that both treat pooled connections alike.
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const io = new Server(http, { serveClient: false });
  io.use((socket, next) => {
    const user = tokens.fromToken(socket.handshake.auth?.token);
    if (!user) return next(new Error("unauthorized"));
    socket.data.user = user;
    next();
  });
  io.on("connection", (socket) => {
    socket.join(roomsOf((socket.data.user as BareUser).id));
  });
  http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1", () => {
    console.log(`listening ${(http.address() as AddressInfo).port}`);
  });
  process.on("SIGTERM", () => {
    io.close();
    process.exit(0);
  });
  return { http, io };
}
