import { findChannelAccess } from "../access";
import { db } from "../db/client";
import type { Channel } from "../db/generated/client";
import { channelRoom, communityRoom, openChannelToCommunity, openChannelToUsers, privateChannelReaders, syncUserRooms, syncUsersRooms, userRoom, usersInChannelRoom } from "../realtime/rooms";
import { emitTo } from "../realtime/emit";
import { toChannel } from "./serialize";

/** A new channel: its readers' sockets enter its room, then they hear of it. */
export async function announceChannelCreated(channel: Channel): Promise<void> {
  if (channel.type === "private") {
    openChannelToUsers(await privateChannelReaders(channel.id, channel.community_id), channel.id);
    emitTo(channelRoom(channel.id), "channel_created", toChannel(channel));
  } else {
    openChannelToCommunity(channel.community_id, channel.id);
    emitTo(communityRoom(channel.community_id), "channel_created", toChannel(channel));
  }
}

/**
 * A user gained or lost access to a private channel: their sockets follow, and their sessions
 * see the channel appear (channel_created) or disappear (channel_deleted).
 */
export async function announceAccessChanged(channel: Channel, userId: number): Promise<void> {
  await syncUserRooms(userId);
  if (await findChannelAccess(userId, channel.id)) emitTo(userRoom(userId), "channel_created", toChannel(channel));
  else emitTo(userRoom(userId), "channel_deleted", { id: channel.id, community_id: channel.community_id });
}

/** A channel became private or public: re-derive who is in its room, and tell those who lost it. */
export async function reopenChannelRooms(channel: Channel): Promise<void> {
  if (channel.type !== "private") {
    openChannelToCommunity(channel.community_id, channel.id);
    return;
  }
  const readers = new Set(await privateChannelReaders(channel.id, channel.community_id));
  const losing = (await usersInChannelRoom(channel.id)).filter((id) => !readers.has(id));
  await syncUsersRooms(losing);
  emitTo(losing.map(userRoom), "channel_deleted", { id: channel.id, community_id: channel.community_id });
}

/**
 * A member became an admin, or an admin a member: admins read every private channel, so the
 * private channels the member was not added to appear in (channel_created) or disappear from
 * (channel_deleted) their sessions. Their sockets have already followed (syncUserRooms).
 */
export async function announceManagerAccessChanged(communityId: number, userId: number, isManager: boolean): Promise<void> {
  const channels = await db.channel.findMany({
    where: { community_id: communityId, type: "private", members: { none: { user_id: userId } } },
  });
  for (const channel of channels) {
    if (isManager) emitTo(userRoom(userId), "channel_created", toChannel(channel));
    else emitTo(userRoom(userId), "channel_deleted", { id: channel.id, community_id: channel.community_id });
  }
}
