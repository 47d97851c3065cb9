import type { ServerEventName, ServerToClientEvents } from "@/lib/realtime/events";
import { getIo } from "./hub";
import { userRoom } from "./rooms";

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
