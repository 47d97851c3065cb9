import { can, rolesWith } from "@/lib/permissions";
import { db, queries } from "../db/client";
import { getIo } from "./hub";
import { closeVoiceChannels, removeFromUnreadableVoice } from "./voice";

// Rooms: every socket of a user (also what a DM conversation reaches); the members of a community;
// who may read a channel (message events); who is looking at a channel (typing).
export const userRoom = (userId: number) => `user:${userId}`;
export const communityRoom = (communityId: number) => `community:${communityId}`;
export const channelRoom = (channelId: number) => `channel:${channelId}`;
export const typingRoom = (channelId: number) => `typing:${channelId}`;
/** Both parties of a direct message (every socket of each). */
export const conversationRooms = (message: { sender_id: number; receiver_id: number }) => [userRoom(message.sender_id), userRoom(message.receiver_id)];

/** Rooms derived from memberships, as opposed to a socket's own id room and its user room. */
export const isMembershipRoom = (room: string) => /^(community|channel|typing):/.test(room);

/** The membership rooms a user belongs in, from the database: their communities and readable channels. */
export async function membershipRooms(userId: number): Promise<string[]> {
  // Every socket handshake runs this: one hot query.
  const rows = await queries.membershipRooms(userId);
  const communities = new Set(rows.map((row) => communityRoom(row.community_id)));
  const channels = rows.flatMap((row) => (row.channel_id === null ? [] : [channelRoom(row.channel_id)]));
  return [...communities, ...channels];
}

/** Whether `room` is one of `rooms`, or a typing subscription of a channel in them (it stays only while the channel is readable). */
export function isRoomAllowed(room: string, rooms: Set<string>): boolean {
  return room.startsWith("typing:") ? rooms.has(room.replace("typing:", "channel:")) : rooms.has(room);
}

/**
 * Brings the rooms of every live socket of `userId` (on every node) in line with the database,
 * after a membership change: joins what they may now read, leaves what they may not. (A session
 * kept for connection-state recovery is checked when it comes back: gateway/attach.ts.)
 */
export async function syncUserRooms(userId: number): Promise<void> {
  const io = getIo();
  if (!io) return;
  const rooms = new Set(await membershipRooms(userId));
  for (const socket of await io.in(userRoom(userId)).fetchSockets()) {
    const stale = [...socket.rooms].filter((room) => isMembershipRoom(room) && !isRoomAllowed(room, rooms));
    for (const room of stale) socket.leave(room);
    socket.join([...rooms]);
  }
  await removeFromUnreadableVoice(userId, rooms);
}

export function syncUsersRooms(userIds: number[]): Promise<void[]> {
  return Promise.all([...new Set(userIds)].map(syncUserRooms));
}

/** Moves every socket of a channel's readers out of it, and everyone out of it if it was a voice channel (channel deleted). */
export async function closeChannelRooms(channelIds: number[]): Promise<void> {
  const io = getIo();
  if (!io || channelIds.length === 0) return;
  await closeVoiceChannels(channelIds);
  const rooms = channelIds.flatMap((id) => [channelRoom(id), typingRoom(id)]);
  io.in(rooms).socketsLeave(rooms);
}

/** Takes every socket out of a deleted community's room. */
export function closeCommunityRoom(communityId: number): void {
  getIo()?.in(communityRoom(communityId)).socketsLeave(communityRoom(communityId));
}

/** Puts every member of a community into a new channel's room (a channel all members can read). */
export function openChannelToCommunity(communityId: number, channelId: number): void {
  getIo()?.in(communityRoom(communityId)).socketsJoin(channelRoom(channelId));
}

/** Puts the sockets of these users into a channel's room (the readers of a private channel). */
export function openChannelToUsers(userIds: number[], channelId: number): void {
  if (userIds.length) getIo()?.in(userIds.map(userRoom)).socketsJoin(channelRoom(channelId));
}

/** The users with a socket in a channel's room, on every server process. */
export async function usersInChannelRoom(channelId: number): Promise<number[]> {
  const io = getIo();
  if (!io) return [];
  const sockets = await io.in(channelRoom(channelId)).fetchSockets();
  return [...new Set(sockets.map((socket) => socket.data.userId))];
}

/** The user ids allowed into a private channel's room: its members, the owner and the admins. */
export async function privateChannelReaders(channelId: number, communityId: number): Promise<number[]> {
  const [members, managers] = await Promise.all([
    db.channelMember.findMany({ where: { channel_id: channelId }, select: { user_id: true } }),
    db.communityMember.findMany({ where: { community_id: communityId, role: { in: [...rolesWith("readPrivateChannels")] } }, select: { user_id: true, role: true } }),
  ]);
  return [...members.map((m) => m.user_id), ...managers.filter((m) => can(m.role, "readPrivateChannels")).map((m) => m.user_id)];
}
