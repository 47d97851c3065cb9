// Baseline (a): a bare Socket.IO server. A socket's `send` is relayed to its channel room as a
// message of the app's shape, with no database write: the floor for delivering one message to
// 100 sockets. Logins and room lookups use the same SQLite copy as baseline (b) on SQLite, on
// either engine: nothing on the relay's measured path touches a database.
import type { Socket } from "socket.io";
import { channelRoom, notFound, parseSend, sendJson, startServer, type BareUser, type Message } from "./common";
import { openDatabase, sqliteLookups } from "./sqlite";

let nextId = 1_000_000_000;

const io = startServer(sqliteLookups(openDatabase()), (_req, res) => sendJson(res, 404, notFound));

io.on("connection", (socket: Socket) => {
  const user = socket.data.user as BareUser;
  socket.on("send", (input: unknown, ack?: (result: unknown) => void) => {
    const body = parseSend(input);
    const room = body && channelRoom(body.channel_id);
    if (!body || !socket.rooms.has(room!)) return ack?.({ error: { code: "not_found", message: "Channel not found" } });
    const message: Message = {
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
