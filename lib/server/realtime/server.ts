import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerEventName, ServerToClientEvents } from "@/lib/realtime/events";

export interface SocketData {
  userId: number;
  username: string;
  sessionId: string;
  /** Rooms computed from the database in the handshake; joined on connection, then dropped. */
  rooms?: string[];
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

// Rooms: every socket of a user; the members of a community; who may read a channel (message
// events); who is looking at a channel (typing).
export const userRoom = (userId: number) => `user:${userId}`;
export const communityRoom = (communityId: number) => `community:${communityId}`;
export const channelRoom = (channelId: number) => `channel:${channelId}`;
export const typingRoom = (channelId: number) => `typing:${channelId}`;

/** Rooms derived from memberships, as opposed to a socket's own id room and its user room. */
export const isMembershipRoom = (room: string) => /^(community|channel|typing):/.test(room);

// Route handlers run in Next's bundle, which has its own copy of this module: the one Socket.IO
// server lives on globalThis so that both reach it.
const globalForIo = globalThis as { __auraflowIo?: RealtimeServer };

export function getIo(): RealtimeServer | undefined {
  return globalForIo.__auraflowIo;
}

export function setIo(io: RealtimeServer | undefined): void {
  globalForIo.__auraflowIo = io;
}

type Payload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * Emits to every socket in `rooms` (each socket once), leaving out the sockets in `except`.
 * Domain functions call this after their write has committed. Without a server (scripts, seeding)
 * it does nothing.
 */
export function emitTo<E extends ServerEventName>(rooms: string | string[], event: E, payload: Payload<E>, except: string[] = []): void {
  const io = getIo();
  if (!io || rooms.length === 0) return;
  const target = except.length ? io.to(rooms).except(except) : io.to(rooms);
  (target.emit as (event: E, payload: Payload<E>) => boolean)(event, payload);
}

/** Logging out ends the session's live connections too, on every server process. */
export async function disconnectSession(userId: number, sessionId: string): Promise<void> {
  const io = getIo();
  if (!io) return;
  for (const socket of await io.in(userRoom(userId)).fetchSockets()) {
    if (socket.data.sessionId === sessionId) socket.disconnect(true);
  }
}
