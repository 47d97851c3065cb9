import type { UserStatusEvent } from "@/lib/realtime/events";
import { getConfig } from "../config";
import { db } from "../db/client";
import type { User, UserStatus } from "../db/generated/client";
import { findUser } from "../users/find-user";
import { isoOrNull } from "../users/serialize";
import { emitTo } from "./emit";
import { getIo } from "./hub";
import { communityRoom, userRoom } from "./rooms";

// Presence: a user is shown with their chosen status while at least one socket is connected and
// offline (with last_seen) a grace period after the last one closes, so a reload does not flap.

// Shared by every bundle in the process (see typing.ts).
const globalForPresence = globalThis as { __auraflowOfflineTimers?: Map<number, NodeJS.Timeout> };
const offlineTimers = (globalForPresence.__auraflowOfflineTimers ??= new Map<number, NodeJS.Timeout>());

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
 * Tells the user's own sessions, their friends and fellow community members; never anyone who
 * blocked the user or whom the user blocked.
 */
export async function broadcastUserStatus(user: StatusUser): Promise<void> {
  if (!getIo()) return;
  const [memberships, friendships, blocks] = await Promise.all([
    db.communityMember.findMany({ where: { user_id: user.id }, select: { community_id: true } }),
    db.friend.findMany({ where: { OR: [{ user_id_1: user.id }, { user_id_2: user.id }] }, select: { user_id_1: true, user_id_2: true } }),
    db.blockedUser.findMany({ where: { OR: [{ user_id: user.id }, { blocked_user_id: user.id }] }, select: { user_id: true, blocked_user_id: true } }),
  ]);
  const rooms = [
    userRoom(user.id),
    ...memberships.map((m) => communityRoom(m.community_id)),
    ...friendships.map((f) => userRoom(f.user_id_1 === user.id ? f.user_id_2 : f.user_id_1)),
  ];
  const blocked = blocks.map((b) => userRoom(b.user_id === user.id ? b.blocked_user_id : b.user_id));
  emitTo(rooms, "user_status", toUserStatusEvent(user), blocked);
}

/** Shows `status` (and announces it) unless it is already shown. Returns the user, and whether it changed. */
async function setLiveStatus(user: User, status: UserStatus, lastSeen?: Date): Promise<{ user: StatusUser; changed: boolean }> {
  if (user.status === status && !lastSeen) return { user, changed: false };
  const updated = await db.user.update({ where: { id: user.id }, data: { status, ...(lastSeen ? { last_seen: lastSeen } : {}) } });
  await broadcastUserStatus(updated);
  return { user: updated, changed: true };
}

/**
 * A socket of the user connected: cancel a pending offline, show their chosen status. Returns the
 * user when nothing was announced, so that the new socket can be told its own status directly.
 */
export async function userConnected(userId: number): Promise<StatusUser | null> {
  const pending = offlineTimers.get(userId);
  if (pending) {
    clearTimeout(pending);
    offlineTimers.delete(userId);
  }
  const user = await findUser(userId);
  if (!user) return null;
  const result = await setLiveStatus(user, user.preferred_status);
  return result.changed ? null : result.user;
}

/** A socket of the user closed: once none is left after the grace period, they are offline. */
export function userDisconnected(userId: number): void {
  const existing = offlineTimers.get(userId);
  if (existing) clearTimeout(existing);
  const timer = setTimeout(async () => {
    offlineTimers.delete(userId);
    try {
      const io = getIo();
      if (!io || (await io.in(userRoom(userId)).fetchSockets()).length > 0) return;
      const user = await findUser(userId);
      if (user) await setLiveStatus(user, "offline", new Date());
    } catch (error) {
      console.error("[presence] could not mark user offline:", error);
    }
  }, getConfig().presenceGraceMs);
  timer.unref();
  offlineTimers.set(userId, timer);
}

/** A single server owns every connection: nobody can be online before it starts. */
export async function resetPresence(): Promise<void> {
  await db.user.updateMany({ where: { status: { not: "offline" } }, data: { status: "offline", last_seen: new Date() } });
}

export function stopPresenceTimers(): void {
  for (const timer of offlineTimers.values()) clearTimeout(timer);
  offlineTimers.clear();
}
