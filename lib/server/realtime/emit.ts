import type { ServerEventName, ServerToClientEvents } from "@/lib/realtime/events";
import { eventsAppended, eventsReadUpToNow } from "../cluster/events";
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

/**
 * As emitTo, in order with every event other nodes emitted before: message inserts announce with
 * it while holding their channel's turn across the cluster (HotQueries.insertMessage), so that
 * every reader, on any node, receives a channel's messages in id order. First this node catches
 * up with the event stream (its own sockets must not get this event before earlier ones from
 * other nodes), then it emits, then it waits until the event is in the stream (the next holder of
 * the turn appends after it). Never rejects; with one process it is emitTo.
 */
export async function emitInOrder<E extends ServerEventName>(rooms: string | string[], event: E, payload: Payload<E>): Promise<void> {
  if (!getIo()) return;
  const unreachable = (error: unknown) => console.error("[realtime] event stream unreachable:", error);
  await eventsReadUpToNow().catch(unreachable);
  emitTo(rooms, event, payload);
  await eventsAppended().catch(unreachable);
}

/** Logging out ends the session's live connections too, on every server process. */
export async function disconnectSession(userId: number, sessionId: string): Promise<void> {
  const io = getIo();
  if (!io) return;
  for (const socket of await io.in(userRoom(userId)).fetchSockets()) {
    if (socket.data.sessionId === sessionId) socket.disconnect(true);
  }
}
