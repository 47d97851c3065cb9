// Baseline (a): a bare Socket.IO server. A socket's `send` is relayed to its channel room as a
// message of the app's shape, with no database write: the floor for delivering one message to
// 100 sockets. Logins and room lookups use the same SQLite copy as baseline (b).
import type { Socket } from "socket.io";
import { channelRoomsQuery, handleLogin, openDatabase, parseSend, sendJson, startServer, TokenStore, type BareUser } from "./common";

const sqlite = openDatabase();
const tokens = new TokenStore(sqlite);
let nextId = 1_000_000_000;

const { io } = startServer(tokens, channelRoomsQuery(sqlite), (req, res) => {
  if (req.method === "POST" && req.url === "/login") return handleLogin(tokens, req, res);
  sendJson(res, 404, { error: { code: "not_found", message: "Not found" } });
});

io.on("connection", (socket: Socket) => {
  const user = socket.data.user as BareUser;
  socket.on("send", (input: unknown, ack?: (result: unknown) => void) => {
    const body = parseSend(input);
    const room = body && `channel:${body.channel_id}`;
    if (!body || !socket.rooms.has(room!)) return ack?.({ error: { code: "not_found", message: "Channel not found" } });
    const message = {
      id: nextId++,
      channel_id: body.channel_id,
      sender_id: user.id,
      content: body.content,
      message_type: "text",
      created_at: new Date().toISOString(),
      author: user.username,
      avatar_url: user.avatar_url,
      edited_at: null,
      reply_to: null,
      nonce: body.nonce,
    };
    io.to(room!).emit("message_sent", message);
    ack?.({ ok: true, message });
  });
});
