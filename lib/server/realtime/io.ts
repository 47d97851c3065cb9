import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { authenticate } from "../auth/session";

export interface SocketData {
  userId: number;
  username: string;
  sessionId: string;
}

export type RealtimeServer = Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;
export type RealtimeSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

export const userRoom = (userId: number) => `user:${userId}`;

// Route handlers run in Next's bundle, which has its own copy of this module: the one Socket.IO
// server lives on globalThis so that both reach it.
const globalForIo = globalThis as { __auraflowIo?: RealtimeServer };

export function getIo(): RealtimeServer | undefined {
  return globalForIo.__auraflowIo;
}

function handshakeCredentials(socket: RealtimeSocket) {
  const token: unknown = socket.handshake.auth?.token;
  const authorization = typeof token === "string" ? `Bearer ${token}` : socket.request.headers.authorization;
  return { authorization: authorization ?? null, cookie: socket.request.headers.cookie ?? null };
}

/**
 * Attaches Socket.IO to the HTTP server. A socket authenticates in the handshake with
 * `auth: { token }` (REST clients) or the next-auth session cookie (the browser); anything else
 * gets connect_error "unauthorized".
 */
export function attachRealtime(httpServer: HttpServer): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, { serveClient: false });

  io.use(async (socket, next) => {
    try {
      const auth = await authenticate(handshakeCredentials(socket));
      if (!auth) return next(new Error("unauthorized"));
      socket.data = { userId: auth.user.id, username: auth.user.username, sessionId: auth.session.sessionId };
      next();
    } catch (error) {
      console.error("[realtime] handshake failed:", error);
      next(new Error("internal"));
    }
  });

  io.on("connection", (socket) => {
    void socket.join(userRoom(socket.data.userId));
  });

  globalForIo.__auraflowIo = io;
  return io;
}

/** Logging out ends the session's live connections too, on every server process. */
export async function disconnectSession(userId: number, sessionId: string): Promise<void> {
  const io = getIo();
  if (!io) return;
  const sockets = await io.in(userRoom(userId)).fetchSockets();
  for (const socket of sockets) {
    if (socket.data.sessionId === sessionId) socket.disconnect(true);
  }
}
