import type { CommunityMemberEvent, UserStatusEvent } from "@/lib/realtime/events";
import { usersAcrossBlock } from "../access";
import { presenceStore, SWEEP_INTERVAL_MS } from "../cluster/presence-store";
import { getConfig } from "../config";
import { db } from "../db/client";
import type { User, UserStatus } from "../db/generated/client";
import { findUser } from "../users/find-user";
import { hidePresence } from "../users/presence-view";
import { isoOrNull } from "../users/serialize";
import { emitTo } from "./emit";
import { sweepVoice } from "./voice";
import { getIo } from "./hub";
import { communityRoom, userRoom } from "./rooms";

// Presence: a user is shown with their chosen status while at least one socket is connected on any
// node, and offline (with last_seen) a grace period after the last one closes, so that a reload,
// even onto another node, does not flap. The connections are counted in the presence store
// (memory, or Redis for a cluster); the status shown is the users row, changed only by a
// conditional update, so that two nodes deciding at once announce a change once.

interface PresenceTimers {
  /** Connections that closed, each forgotten when its grace period ends unless it came back. */
  closing: Map<string, NodeJS.Timeout>;
  sweeper?: NodeJS.Timeout;
}

// Shared by every bundle in the process (see typing.ts).
const globalForPresence = globalThis as { __auraflowPresence?: PresenceTimers };
const timers: PresenceTimers = (globalForPresence.__auraflowPresence ??= { closing: new Map() });

const connectionOf = (socketId: string) => `${getConfig().nodeId}/${socketId}`;

type StatusUser = Pick<User, "id" | "username" | "display_name" | "avatar_url" | "status" | "custom_status" | "last_seen">;

export function toUserStatusEvent(user: StatusUser): UserStatusEvent {
  return {
    user_id: user.id,
    username: user.username,
    status: user.status,
    custom_status: user.custom_status,
    last_seen: isoOrNull(user.last_seen),
    display_name: user.display_name ?? user.username,
    avatar_url: user.avatar_url,
  };
}

/**
 * Tells the user's own sessions, their friends and fellow community members; never anyone across
 * a block from the user (access.ts usersAcrossBlock): to them the user stays offline.
 */
export async function broadcastUserStatus(user: StatusUser): Promise<void> {
  if (!getIo()) return;
  const [memberships, friendships, acrossBlock] = await Promise.all([
    db.communityMember.findMany({ where: { user_id: user.id }, select: { community_id: true } }),
    db.friend.findMany({ where: { OR: [{ user_id_1: user.id }, { user_id_2: user.id }] }, select: { user_id_1: true, user_id_2: true } }),
    usersAcrossBlock(user.id),
  ]);
  const rooms = [
    userRoom(user.id),
    ...memberships.map((m) => communityRoom(m.community_id)),
    ...friendships.map((f) => userRoom(f.user_id_1 === user.id ? f.user_id_2 : f.user_id_1)),
  ];
  emitTo(rooms, "user_status", toUserStatusEvent(user), acrossBlock.map(userRoom));
}

type PresenceEvent = "community_member_added" | "community_member_left" | "community_member_updated";

/**
 * Emits an event that shows `subjectId`'s presence to the sockets in `rooms`. Those of users
 * across a block from the subject get `payload` with the presence hidden instead (only those
 * sockets are looked up, so only users with blocks cost more than one emit).
 */
export async function emitShowingPresence<E extends PresenceEvent>(
  rooms: string[],
  event: E,
  subjectId: number,
  payload: CommunityMemberEvent,
): Promise<void> {
  const io = getIo();
  if (!io) return;
  const acrossBlock = (await usersAcrossBlock(subjectId)).map(userRoom);
  emitTo(rooms, event, payload, acrossBlock);
  if (acrossBlock.length === 0) return;
  const sockets = await io.in(acrossBlock).fetchSockets();
  const inRooms = sockets.filter((socket) => rooms.some((room) => socket.rooms.has(room))).map((socket) => socket.id);
  if (inRooms.length) emitTo(inRooms, event, { ...payload, user: hidePresence(payload.user) });
}

/**
 * After a block or an unblock between `a` and `b`: each of their sessions is told the other's
 * presence as the rule now shows it (offline across a block, the real one otherwise).
 */
export async function announcePresenceBetween(a: number, b: number): Promise<void> {
  if (!getIo()) return;
  const [userA, userB, acrossBlock] = await Promise.all([findUser(a), findUser(b), usersAcrossBlock(a)]);
  if (!userA || !userB) return;
  const hidden = acrossBlock.includes(b);
  const shown = (user: StatusUser) => (hidden ? hidePresence(toUserStatusEvent(user)) : toUserStatusEvent(user));
  emitTo(userRoom(b), "user_status", shown(userA));
  emitTo(userRoom(a), "user_status", shown(userB));
}

/** Shows `status` unless it is shown already; announces and returns the user when it changed. */
async function showStatus(userId: number, status: UserStatus): Promise<StatusUser | null> {
  const { count } = await db.user.updateMany({
    where: { id: userId, status: { not: status } },
    data: status === "offline" ? { status, last_seen: new Date() } : { status },
  });
  if (count === 0) return null;
  const user = await findUser(userId);
  if (user) await broadcastUserStatus(user);
  return user;
}

/**
 * A socket of the user connected: counts the connection and shows their chosen status. Returns
 * the user when nothing was announced, so that the new socket can be told its own status directly.
 */
export async function userConnected(userId: number, socketId: string): Promise<StatusUser | null> {
  const connection = connectionOf(socketId);
  const closing = timers.closing.get(connection);
  if (closing) {
    // The same socket is back (connection-state recovery) within its grace period.
    clearTimeout(closing);
    timers.closing.delete(connection);
  }
  await presenceStore().add(userId, connection);
  const user = await findUser(userId);
  if (!user) return null;
  // Every handshake comes here: write only when the status shown must change.
  if (user.status === user.preferred_status) return user;
  return (await showStatus(userId, user.preferred_status)) ? null : user;
}

/** Offline, unless a connection arrived meanwhile (then its node's chosen status wins). */
async function showOffline(userId: number): Promise<void> {
  if (!(await showStatus(userId, "offline"))) return;
  if ((await presenceStore().count(userId)) === 0) return;
  const user = await findUser(userId);
  if (user) await showStatus(userId, user.preferred_status);
}

/** A socket of the user closed: its connection counts until the grace period ends. */
export function userDisconnected(userId: number, socketId: string): void {
  const connection = connectionOf(socketId);
  const timer = setTimeout(async () => {
    timers.closing.delete(connection);
    try {
      if ((await presenceStore().remove(userId, connection)) === 0) await showOffline(userId);
    } catch (error) {
      console.error("[presence] could not mark user offline:", error);
    }
  }, getConfig().presenceGraceMs);
  timer.unref();
  timers.closing.set(connection, timer);
}

async function sweep(): Promise<void> {
  try {
    for (const userId of await presenceStore().sweep()) await showOffline(userId);
    await sweepVoice();
  } catch (error) {
    console.error("[presence] sweep failed:", error);
  }
}

/**
 * Starts this node's presence (server.ts, before it listens). A node alone (always, for one
 * process) owns every connection, so nobody can be online yet; a node joining live ones leaves
 * their users as they are. Then, every few seconds: renews this node's heartbeat and shows offline
 * the users whose last connections were on a node that died.
 */
export async function startPresence(): Promise<void> {
  const store = presenceStore();
  const orphaned = await store.sweep();
  const alone = !(await store.othersAlive());
  if (alone) {
    await db.user.updateMany({ where: { status: { not: "offline" } }, data: { status: "offline", last_seen: new Date() } });
  } else {
    for (const userId of orphaned) await showOffline(userId);
  }
  await sweepVoice(alone);
  if (getConfig().redisUrl) {
    timers.sweeper = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
    timers.sweeper.unref();
  }
}

/**
 * Stops the timers (shutdown). Connections still counted stay in the store: for a cluster, the
 * survivors forget them once this node's heartbeat expires, by which time its clients are back on
 * other nodes.
 */
export function stopPresence(): void {
  clearInterval(timers.sweeper);
  for (const timer of timers.closing.values()) clearTimeout(timer);
  timers.closing.clear();
}
