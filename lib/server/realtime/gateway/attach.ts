import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { Authenticated } from "../../auth/session";
import { authenticate } from "../../auth/session";
import { getConfig } from "../../config";
import { isFromOwnOrigin } from "../../http/origin";
import { eventsAdapter, peekRecoverySession } from "../../cluster/events";
import { setIo, type RealtimeServer, type RealtimeSocket, type SocketData } from "../hub";
import { toUserStatusEvent, userConnected } from "../presence";
import { isMembershipRoom, isRoomAllowed, membershipRooms, userRoom } from "../rooms";
import { voiceSocketRecovered } from "../voice";
import { registerHandlers } from "./handlers";
import { closeRecoveryGap } from "./recovery-gap";

function handshakeCredentials(socket: RealtimeSocket) {
  const token: unknown = socket.handshake.auth?.token;
  const authorization = typeof token === "string" ? `Bearer ${token}` : socket.request.headers.authorization;
  return { authorization: authorization ?? null, cookie: socket.request.headers.cookie ?? null };
}

/**
 * Cross-site WebSocket hijacking: a foreign page's handshake carries the user's cookie too. A
 * handshake signed in by cookie must come from the app's own origin (token handshakes need none).
 */
function isForgedHandshake(socket: RealtimeSocket, credentials: ReturnType<typeof handshakeCredentials>): boolean {
  if (credentials.authorization || !credentials.cookie) return false;
  const headers = socket.request.headers;
  const get = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return !isFromOwnOrigin({ get });
}

/**
 * A recovered session rejoins the rooms it had and is replayed what was sent to them while it was
 * away. When its user lost access to one of them meanwhile (kicked, removed from a private channel),
 * that replay could hold what they may no longer read: such a session is not recovered, and the
 * client catches up over REST, where every read is checked. The stored session is checked before
 * Socket.IO restores it (a wait between its restore and the socket joining the rooms would let
 * live events slip past the socket), on whichever node it comes back, whatever adapter stores it.
 */
function refuseRecoveryAfterLostAccess(io: RealtimeServer): void {
  const adapter = io.of("/").adapter;
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const stored = await peekRecoverySession(adapter, pid);
    const userId = (stored?.data as SocketData | undefined)?.userId;
    if (stored && typeof userId === "number") {
      const allowed = new Set(await membershipRooms(userId));
      const lost = stored.rooms.some((room) => isMembershipRoom(room) && !isRoomAllowed(room, allowed));
      // Socket.IO treats a failed restore as no session: the client connects afresh.
      if (lost) throw new Error("access changed while disconnected");
    }
    return restore(pid, offset);
  };
}

/**
 * Attaches Socket.IO to the HTTP server. A socket authenticates in the handshake with
 * `auth: { token }` (REST clients) or the next-auth session cookie (the browser, from the app's own
 * origin only: connect_error "forbidden_origin" otherwise); anything else gets connect_error
 * "unauthorized". Its rooms come from the database at that moment, and
 * membership changes move live sockets between rooms (see ../rooms.ts).
 */
export function attachRealtime(httpServer: HttpServer): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // The same cap as REST bodies: no event payload needs more.
    maxHttpBufferSize: 64 * 1024,
    // Reconnecting within the window restores the socket's id and rooms and replays what it missed.
    // Middlewares still run, so a revoked token cannot ride on a recovered session.
    connectionStateRecovery: { maxDisconnectionDuration: getConfig().recoveryWindowMs, skipMiddlewares: false },
    // Several nodes: events, room changes and recovery sessions go through Redis (cluster/events.ts).
    adapter: eventsAdapter(),
  });
  refuseRecoveryAfterLostAccess(io);
  const catchUpRecovered = closeRecoveryGap(io);

  io.use(async (socket, next) => {
    try {
      const credentials = handshakeCredentials(socket);
      if (isForgedHandshake(socket, credentials)) return next(new Error("forbidden_origin"));
      const auth: Authenticated | null = await authenticate(credentials);
      if (!auth) return next(new Error("unauthorized"));
      socket.data = {
        userId: auth.user.id,
        username: auth.user.username,
        sessionId: auth.session.sessionId,
        rooms: await membershipRooms(auth.user.id),
      };
      next();
    } catch (error) {
      console.error("[realtime] handshake failed:", error);
      next(new Error("internal"));
    }
  });

  io.on("connection", (socket) => {
    registerHandlers(socket);
    const rooms = new Set(socket.data.rooms);
    delete socket.data.rooms; // Held by the socket's room set from here on.
    if (socket.recovered) {
      // Restored rooms may be out of date if memberships changed while it was away.
      for (const room of socket.rooms) if (isMembershipRoom(room) && !isRoomAllowed(room, rooms)) socket.leave(room);
      voiceSocketRecovered(socket.id);
    }
    socket.join([userRoom(socket.data.userId), ...rooms]);
    catchUpRecovered(socket);
    // The new socket learns its own status at once: from the announcement when it changed,
    // directly otherwise.
    userConnected(socket.data.userId, socket.id).then(
      (user) => user && socket.emit("user_status", toUserStatusEvent(user)),
      (error) => console.error("[presence] connect failed:", error),
    );
  });

  setIo(io);
  return io;
}
