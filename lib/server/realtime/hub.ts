import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";

// The Socket.IO server this process runs (attached by gateway/attach.ts), as the realtime services
// reach it. Domain code never touches it: it calls emit.ts, rooms.ts, typing.ts and presence.ts.

export interface SocketData {
  userId: number;
  username: string;
  sessionId: string;
  /** Rooms computed from the database in the handshake; joined on connection, then dropped. */
  rooms?: string[];
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

// Route handlers run in Next's bundle, which has its own copy of this module: the one Socket.IO
// server lives on globalThis so that both reach it.
const globalForIo = globalThis as { __auraflowIo?: RealtimeServer };

/** The Socket.IO server, or undefined where none runs (scripts, seeding): then nothing is sent. */
export function getIo(): RealtimeServer | undefined {
  return globalForIo.__auraflowIo;
}

export function setIo(io: RealtimeServer | undefined): void {
  globalForIo.__auraflowIo = io;
}
