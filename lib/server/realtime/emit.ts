import type { ServerEventName, ServerToClientEvents } from "@/lib/realtime/events";
import { eventsReadUpToNow, lastAnnounced, markAnnounced } from "../cluster/events";
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

/** Where a message stands among the messages of its channel or conversation. */
export interface MessageOrder<T> {
  /** The channel or conversation, e.g. `channel:7`. */
  stream: string;
  id: number;
  /** The stream's messages with ids above `after` and below this one, oldest first. */
  earlier: (after: number) => Promise<T[]>;
}

/**
 * Announces a message just committed, in order with every message of its channel (conversation)
 * before it, whichever node inserted them. Message inserts call it while holding their stream's
 * turn across the cluster (HotQueries.insertMessage). In a cluster:
 * 1. this node catches up with the event stream (its own sockets must not get this message
 *    before earlier ones from other nodes);
 * 2. a node that died between a commit and its announcement left messages nobody announced (the
 *    stream's recorded last id is behind): they go out first, in order;
 * 3. it emits, and records the id once the event is in the stream (the next holder of the turn
 *    appends after it).
 * Never rejects; with one process it is emitTo.
 */
export async function emitInOrder<E extends ServerEventName>(rooms: string | string[], event: E, payload: Payload<E>, order: MessageOrder<Payload<E>>): Promise<void> {
  if (!getIo()) return;
  // Redis unreachable: the message still goes out as far as it can, and REST goes on.
  const unreachable = (error: unknown) => console.error("[realtime] event stream unreachable:", error);
  try {
    // Both on the events connection: one round trip.
    const [, last] = await Promise.all([eventsReadUpToNow(), lastAnnounced(order.stream)]);
    if (last !== null && last < order.id) for (const earlier of await order.earlier(last)) emitTo(rooms, event, earlier);
  } catch (error) {
    unreachable(error);
  }
  emitTo(rooms, event, payload);
  await markAnnounced(order.stream, order.id).catch(unreachable);
}

/** Logging out ends the session's live connections too, on every server process. */
export function disconnectSession(userId: number, sessionId: string): Promise<void> {
  return disconnectSessions(userId, (id) => id === sessionId);
}

/** Closes the live connections of the user's sessions that `ended` picks, on every server process. */
export async function disconnectSessions(userId: number, ended: (sessionId: string) => boolean): Promise<void> {
  const io = getIo();
  if (!io) return;
  for (const socket of await io.in(userRoom(userId)).fetchSockets()) {
    if (ended(socket.data.sessionId)) socket.disconnect(true);
  }
}
