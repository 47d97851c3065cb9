import type { BroadcastOptions } from "socket.io-adapter";
import type { RealtimeServer, RealtimeSocket } from "../hub";

/**
 * Connection-state recovery hands a recovered socket what was broadcast to its rooms up to the
 * moment its session is restored, and broadcasts reach only connected sockets. In between, what
 * is broadcast reaches nobody on that socket:
 * - the Redis adapter reads the stream one last time, then the socket is created and joins its
 *   rooms, while this process's stream reader (another connection) may deliver newer entries;
 * - a recovered socket is in its rooms before the middlewares (authentication, an await on the
 *   database) run, and it only counts as connected after them.
 * On PostgreSQL one recovering socket lost about 1 message in 30 reconnections under load, and a
 * drained node's clients lost one now and then.
 *
 * This closes the gap: from the start of a restore until its socket connects, every packet this
 * process broadcasts is noted. Once connected, the socket is sent the noted packets of its rooms
 * that the restore did not replay, and for a while live deliveries of packets it already has are
 * skipped (the stream reader may lag behind the restore's read).
 */

interface Noted {
  data: unknown[];
  opts: BroadcastOptions;
  offset: string;
}

interface Recovering {
  noted: Noted[];
  /** The offsets the restore replayed. */
  replayed: Set<string>;
  timer: NodeJS.Timeout;
}

interface Packet {
  type: number;
  id?: number;
  data?: unknown[];
}

/** Internals of Socket.IO 4.8 (socket.io-adapter 2.5) that this wraps. */
interface AdapterInternals {
  _encode(packet: Packet, packetOpts: unknown): unknown;
  apply(opts: BroadcastOptions, callback: (socket: RealtimeSocket) => void): void;
}
interface NamespaceInternals {
  _createSocket(client: unknown, auth: Record<string, unknown>): Promise<RealtimeSocket>;
}
interface SocketInternals {
  packet(packet: Packet): void;
}

const EVENT = 2;
/** Middlewares take milliseconds; a socket that has not connected by then never will. */
const CONNECT_WITHIN_MS = 15_000;
/** How long a socket that was caught up skips live deliveries of what it already has. */
const SKIP_FOR_MS = 15_000;

/** The offset Socket.IO appended to a broadcast packet, as recovery does (not for acks, volatile packets). */
function offsetOf(packet: Packet, opts: BroadcastOptions): string | undefined {
  if (packet.type !== EVENT || packet.id !== undefined || opts.flags?.volatile !== undefined) return undefined;
  const last = packet.data?.at(-1);
  return typeof last === "string" ? last : undefined;
}

/** Socket.IO's rule for what a session's replay holds. */
function reaches(rooms: Set<string>, opts: BroadcastOptions): boolean {
  const included = opts.rooms.size === 0 || [...rooms].some((room) => opts.rooms.has(room));
  return included && ![...rooms].some((room) => opts.except?.has(room));
}

/**
 * Installs the notes on the server's adapter and namespace. Returns what the connection handler
 * calls, once the socket is in its rooms (the same tick as Socket.IO marking it connected): a
 * socket just recovered is sent what was broadcast to its rooms while it recovered and the restore
 * did not replay.
 */
export function closeRecoveryGap(io: RealtimeServer): (socket: RealtimeSocket) => void {
  const namespace = io.of("/");
  const adapter = namespace.adapter;
  const internal = adapter as unknown as AdapterInternals;
  /** Noted broadcasts, one list per restore under way. */
  const notes = new Set<Noted[]>();
  const replayedBySession = new Map<string, Set<string>>();
  const recovering = new Map<string, Recovering>();
  const skipping = new Map<string, Set<string>>();

  // What a restore replays.
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    if (session) replayedBySession.set(pid, new Set(session.missedPackets.map((data) => String(data.at(-1)))));
    return session;
  };

  // Every broadcast, local or from another node, is encoded, then applied to the sockets it reaches.
  let broadcasting: Packet | undefined;
  const encode = internal._encode.bind(adapter);
  internal._encode = (packet, packetOpts) => {
    broadcasting = packet;
    return encode(packet, packetOpts);
  };
  const apply = internal.apply.bind(adapter);
  internal.apply = (opts, callback) => {
    const packet = broadcasting;
    broadcasting = undefined;
    const offset = packet && offsetOf(packet, opts);
    if (!packet || offset === undefined) return apply(opts, callback);
    for (const noted of notes) noted.push({ data: packet.data!, opts, offset });
    if (skipping.size === 0) return apply(opts, callback);
    apply(opts, (socket) => {
      if (!skipping.get(socket.id)?.has(offset)) callback(socket);
    });
  };

  const internals = namespace as unknown as NamespaceInternals;
  const createSocket = internals._createSocket.bind(namespace);
  internals._createSocket = async (client, auth) => {
    const pid = auth?.pid;
    if (typeof pid !== "string" || typeof auth.offset !== "string") return createSocket(client, auth);
    const noted: Noted[] = [];
    notes.add(noted);
    const socket = await createSocket(client, auth).finally(() => notes.delete(noted));
    const replayed = replayedBySession.get(pid);
    replayedBySession.delete(pid);
    if (socket.recovered && replayed) {
      // Still noting until the socket connects.
      notes.add(noted);
      const timer = setTimeout(() => {
        notes.delete(noted);
        recovering.delete(socket.id);
      }, CONNECT_WITHIN_MS);
      timer.unref();
      recovering.set(socket.id, { noted, replayed, timer });
    }
    return socket;
  };

  return (socket) => {
    const state = recovering.get(socket.id);
    if (!state) return;
    recovering.delete(socket.id);
    clearTimeout(state.timer);
    notes.delete(state.noted);

    const has = state.replayed;
    for (const { data, opts, offset } of state.noted) {
      if (has.has(offset) || !reaches(socket.rooms, opts)) continue;
      has.add(offset);
      (socket as unknown as SocketInternals).packet({ type: EVENT, data });
    }
    skipping.set(socket.id, has);
    const stop = () => {
      if (skipping.get(socket.id) === has) skipping.delete(socket.id);
    };
    setTimeout(stop, SKIP_FOR_MS).unref();
    socket.once("disconnect", stop);
  };
}
