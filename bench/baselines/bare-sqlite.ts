// Baseline (b): bare node:http + better-sqlite3 (WAL, synchronous=NORMAL) + Socket.IO. Each send
// checks the token (a map lookup) and channel access (one prepared statement), inserts the row and
// broadcasts it to the channel room: the same work as the app's send path, with nothing between.
// GET /history/{id}?limit=50 serves the app's page shape from one prepared statement.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "socket.io";
import {
  channelRoomsQuery,
  handleLogin,
  openDatabase,
  parseSend,
  readBody,
  sendJson,
  startServer,
  toMessage,
  TokenStore,
  type BareUser,
  type MessageRow,
  type SendInput,
} from "./common";

const sqlite = openDatabase();
const tokens = new TokenStore(sqlite);

const canRead = sqlite.prepare<[number, number], { ok: number }>(
  `SELECT 1 AS ok FROM channels c JOIN community_members m ON m.community_id = c.community_id AND m.user_id = ?
   WHERE c.id = ? AND c.type <> 'private'`,
);
const insert = sqlite.prepare<[number, number, string, string, string, string | null, string, string | null], MessageRow>(
  `INSERT INTO messages (channel_id, sender_id, content, message_type, created_at, author, avatar_url, updated_at, nonce)
   VALUES (?, ?, ?, 'text', ?, ?, ?, ?, ?) RETURNING *`,
);
const page = sqlite.prepare<[number, number], MessageRow>(`SELECT * FROM messages WHERE channel_id = ? ORDER BY id DESC LIMIT ?`);

const notFound = { error: { code: "not_found", message: "Channel not found" } };

/** Stored like Prisma stores DateTime in SQLite: ISO 8601 with a +00:00 offset. */
const now = () => new Date().toISOString().replace("Z", "+00:00");

function store(user: BareUser, body: SendInput) {
  if (!canRead.get(user.id, body.channel_id)) return null;
  const at = now();
  const message = toMessage(insert.get(body.channel_id, user.id, body.content, at, user.username, user.avatar_url, at, body.nonce)!);
  io.to(`channel:${body.channel_id}`).emit("message_sent", message);
  return message;
}

async function postSend(req: IncomingMessage, res: ServerResponse) {
  const user = tokens.fromBearer(req.headers.authorization);
  if (!user) return sendJson(res, 401, { error: { code: "unauthorized", message: "Sign in" } });
  const body = parseSend(JSON.parse(await readBody(req)));
  if (!body) return sendJson(res, 400, { error: { code: "invalid_request", message: "Invalid body" } });
  const message = store(user, body);
  if (!message) return sendJson(res, 404, notFound);
  sendJson(res, 201, message);
}

function getHistory(req: IncomingMessage, res: ServerResponse, channelId: number, limit: number) {
  const user = tokens.fromBearer(req.headers.authorization);
  if (!user) return sendJson(res, 401, { error: { code: "unauthorized", message: "Sign in" } });
  if (!canRead.get(user.id, channelId)) return sendJson(res, 404, notFound);
  sendJson(res, 200, page.all(channelId, limit).reverse().map(toMessage));
}

const { io } = startServer(tokens, channelRoomsQuery(sqlite), (req, res) => {
  if (req.method === "POST" && req.url === "/login") return handleLogin(tokens, req, res);
  if (req.method === "POST" && req.url === "/send") return postSend(req, res);
  const history = req.method === "GET" ? /^\/history\/(\d+)(?:\?limit=(\d+))?$/.exec(req.url ?? "") : null;
  if (history) return getHistory(req, res, Number(history[1]), Math.min(Number(history[2] ?? 50), 100));
  sendJson(res, 404, { error: { code: "not_found", message: "Not found" } });
});

io.on("connection", (socket: Socket) => {
  const user = socket.data.user as BareUser;
  socket.on("send_message", (input: unknown, ack?: (result: unknown) => void) => {
    const body = parseSend(input);
    const message = body && store(user, body);
    ack?.(message ? { ok: true, message } : notFound);
  });
});
